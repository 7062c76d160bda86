package crm.bench.profile;

import crm.e2e.Service;
import crm.e2e.Suite;
import crm.events.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A store's workspace created the real way (ingest's admin API), so segment-service adds its presets and
 * journey-service its Welcome journey, as for any store.
 */
public record StoreWorkspace(String id, String apiToken) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static StoreWorkspace create(Suite suite, String name) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(suite.url(Service.INGEST) + "/v1/workspaces"))
                .header("Authorization", "Bearer " + suite.adminToken())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("name", name)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("creating a workspace: " + r.statusCode() + " " + r.body());
        Map<?, ?> body = Json.read(r.body(), Map.class);
        return new StoreWorkspace((String) body.get("id"), (String) body.get("apiToken"));
    }

    /** A call to a service's API with the workspace's token; the answer's status and body. */
    public HttpResponse<String> call(Suite suite, Service service, String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.url(service) + path))
                .header("Authorization", "Bearer " + apiToken).timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Pauses the workspace's Welcome journey (active from the start), once journey-service has created it: a benchmark
     * that makes customers must not also send them emails, which would load the suite and reach the SMTP server.
     */
    public void pauseWelcome(Suite suite) throws Exception {
        String[] welcome = {null};
        Awaiting.until("the workspace's Welcome journey", Duration.ofSeconds(60), Duration.ofMillis(500), () -> {
            HttpResponse<String> r = call(suite, Service.JOURNEY, "GET", "/v1/journeys", null);
            if (r.statusCode() != 200) return false;
            for (Object j : Json.read(r.body(), java.util.List.class)) {
                Map<?, ?> journey = (Map<?, ?>) j;
                if ("welcome".equals(journey.get("templateKey"))) welcome[0] = (String) journey.get("id");
            }
            return welcome[0] != null;
        });
        HttpResponse<String> r = call(suite, Service.JOURNEY, "POST", "/v1/journeys/" + welcome[0] + "/pause", null);
        if (r.statusCode() / 100 != 2) throw new IllegalStateException("pausing Welcome: " + r.statusCode() + " " + r.body());
    }
}
