package crm.journey.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import crm.events.Json;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Local stand-ins for SendGrid's v3 Mail Send API, Twilio's Messages API and a webhook receiver (JDK HttpServer). Each
 * checks what the real API requires (method, path, auth, content type, body shape), answers as the real one does
 * (SendGrid 202 + X-Message-Id; Twilio 201 + the Message resource; errors 400/401/405 otherwise) and records every
 * request. Global to the module's tests (one application start); only workspaces that choose these providers use them.
 */
public class ProviderStubs implements QuarkusTestResourceLifecycleManager {
    public static final String SENDGRID_KEY = "SG.test-key";
    public static final String TWILIO_SID = "AC00000000000000000000000000000001";
    public static final String TWILIO_TOKEN = "twilio-test-token";
    public static final String TWILIO_FROM = "+15005550006";
    public static final String WEBHOOK_SECRET = "webhook-test-secret";

    /** A request as the stub saw it, with the status it answered. */
    public record Recorded(String method, String path, Map<String, List<String>> headers, String body, int status) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public Map<String, String> form() {
            Map<String, String> out = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return out;
        }

        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    public static final List<Recorded> REQUESTS = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    public static String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v3/mail/send", ex -> handle(ex, ProviderStubs::sendGrid));
        server.createContext("/2010-04-01/Accounts/", ex -> handle(ex, ProviderStubs::twilio));
        server.createContext("/hook", ex -> handle(ex, (e, body) -> new Answer(200, "application/json", "{}", Map.of())));
        server.start();
        return Map.of(
                "crm.journey.providers.sendgrid.base-url", baseUrl(),
                "crm.journey.providers.sendgrid.api-key", SENDGRID_KEY,
                "crm.journey.providers.twilio.base-url", baseUrl(),
                "crm.journey.providers.twilio.account-sid", TWILIO_SID,
                "crm.journey.providers.twilio.auth-token", TWILIO_TOKEN,
                "crm.journey.providers.twilio.from", TWILIO_FROM,
                "crm.journey.providers.webhook.secret", WEBHOOK_SECRET);
    }

    @Override
    public void stop() {
        if (server != null) server.stop(0);
    }

    record Answer(int status, String contentType, String body, Map<String, String> headers) {
    }

    interface Handler {
        Answer answer(HttpExchange ex, String body);
    }

    private static void handle(HttpExchange ex, Handler handler) throws IOException {
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Answer a;
        try {
            a = handler.answer(ex, body);
        } catch (RuntimeException e) {
            a = new Answer(400, "application/json", "{\"errors\":[{\"message\":\"" + e.getMessage() + "\"}]}", Map.of());
        }
        REQUESTS.add(new Recorded(ex.getRequestMethod(), ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), body, a.status()));
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("Content-Type", a.contentType());
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) ex.getResponseBody().write(out);
        ex.close();
    }

    /** POST /v3/mail/send: Bearer key, JSON with personalizations[].to[].email, from.email, subject, content[]. */
    private static Answer sendGrid(HttpExchange ex, String body) {
        if (!ex.getRequestMethod().equals("POST")) return new Answer(405, "application/json", "{}", Map.of());
        if (!("Bearer " + SENDGRID_KEY).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            return new Answer(401, "application/json", "{\"errors\":[{\"message\":\"authorization required\"}]}", Map.of());
        }
        require(String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json"), "content type");
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not JSON");
        }
        require(json.path("personalizations").isArray() && json.path("personalizations").size() >= 1, "personalizations");
        require(json.path("personalizations").get(0).path("to").get(0).path("email").isTextual(), "personalizations.to.email");
        require(json.path("from").path("email").isTextual(), "from.email");
        require(json.path("subject").isTextual(), "subject");
        JsonNode content = json.path("content");
        require(content.isArray() && content.size() >= 1, "content");
        require(content.get(0).path("type").asText().equals("text/plain"), "text/plain must be first");
        content.forEach(c -> require(c.path("value").isTextual() && !c.path("value").asText().isEmpty(), "content.value"));
        return new Answer(202, "text/plain", "", Map.of("X-Message-Id", "sg-" + UUID.randomUUID()));
    }

    /** POST /2010-04-01/Accounts/{Sid}/Messages.json: Basic sid:token, form To, From|MessagingServiceSid, Body. */
    private static Answer twilio(HttpExchange ex, String body) {
        String path = ex.getRequestURI().getPath();
        if (!path.equals("/2010-04-01/Accounts/" + TWILIO_SID + "/Messages.json")) {
            return new Answer(404, "application/json", "{\"code\":20404,\"message\":\"not found\",\"status\":404}", Map.of());
        }
        if (!ex.getRequestMethod().equals("POST")) return new Answer(405, "application/json", "{}", Map.of());
        String basic = "Basic " + Base64.getEncoder().encodeToString((TWILIO_SID + ":" + TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            return new Answer(401, "application/json", "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}", Map.of());
        }
        require(String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")).startsWith("application/x-www-form-urlencoded"), "content type");
        Map<String, String> form = new Recorded("POST", path, Map.of(), body, 0).form();
        require(form.containsKey("To"), "To");
        require(form.containsKey("From") || form.containsKey("MessagingServiceSid"), "From or MessagingServiceSid");
        require(form.containsKey("Body") || form.containsKey("MediaUrl"), "Body");
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        String resource = Json.write(Map.of("sid", sid, "account_sid", TWILIO_SID, "to", form.get("To"),
                "from", form.getOrDefault("From", ""), "body", form.get("Body"), "status", "queued", "api_version", "2010-04-01"));
        return new Answer(201, "application/json", resource, Map.of());
    }

    private static void require(boolean ok, String what) {
        if (!ok) throw new IllegalArgumentException("invalid request: " + what);
    }
}
