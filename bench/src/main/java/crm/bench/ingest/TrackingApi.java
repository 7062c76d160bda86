package crm.bench.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import crm.e2e.Service;
import crm.e2e.Suite;
import crm.events.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * The suite's public HTTP API as a store would call it: one java.net.http client (HTTP/1.1, keep-alive connections
 * reused across threads), workspaces through the admin API, events through the tracking API with the write key.
 */
public final class TrackingApi {
    /** A workspace with its credentials. */
    public record Workspace(String id, String writeKey, String apiToken) {
    }

    private final Suite suite;
    private final HttpClient http;

    public TrackingApi(Suite suite) {
        this.suite = suite;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public HttpClient http() {
        return http;
    }

    public Workspace createWorkspace(String name) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(suite.url(Service.INGEST) + "/v1/workspaces"))
                .header("Authorization", "Bearer " + suite.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(java.util.Map.of("name", name))))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("workspace not created: " + r.statusCode() + " " + r.body());
        JsonNode w = Json.MAPPER.readTree(r.body());
        return new Workspace(w.get("id").asText(), w.get("writeKey").asText(), w.get("apiToken").asText());
    }

    /** A POST of a JSON body to a tracking API path with the write key as Basic-auth user. */
    public HttpRequest track(Workspace w, String path, String json) {
        return HttpRequest.newBuilder(URI.create(suite.url(Service.INGEST) + path))
                .header("Authorization", basic(w.writeKey()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .timeout(Duration.ofSeconds(30)).build();
    }

    /** Sends and returns the status code; an I/O failure counts as status 0. */
    public int send(HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    public CompletableFuture<Integer> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((r, e) -> e == null ? r.statusCode() : 0);
    }

    /** A JSON call with the workspace's API token to another service's API; fails unless it answers 2xx. */
    public JsonNode call(Service service, String method, String path, Workspace w, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(suite.url(service) + path))
                .header("Authorization", "Bearer " + w.apiToken())
                .timeout(Duration.ofSeconds(30));
        if (json == null) b.method(method, HttpRequest.BodyPublishers.noBody());
        else b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        return r.body().isEmpty() ? null : Json.MAPPER.readTree(r.body());
    }

    private static String basic(String writeKey) {
        return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }
}
