package crm.e2e.security;

import com.fasterxml.jackson.databind.JsonNode;
import crm.e2e.Service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A workspace with something in every service: a customer profile (identified by email and phone, one order), its
 * segments (presets and one of its own), the template journeys and the customer's welcome run, and a webhook secret.
 * Every secret and personal value is remembered for the log scan.
 */
record Tenant(String id, String name, String writeKey, String apiToken, String email, String phone, String userId,
              String profileId, String segmentId, String journeyId, String runId, String webhookSecret) {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    static Tenant create(SharedSuite.Running s, String label) {
        RawHttp http = s.http;
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String name = label + " store " + unique;
        RawHttp.Answer created = http.json("POST", s.url(Service.INGEST) + "/v1/workspaces", RawHttp.bearer(s.suite.adminToken()),
                Map.of("name", name));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode ws = created.json();
        String id = ws.get("id").asText();
        String writeKey = ws.get("writeKey").asText();
        String apiToken = ws.get("apiToken").asText();
        String email = label.toLowerCase() + "." + unique + "@example.org";
        String phone = "+1415555" + String.format("%04d", Math.floorMod(unique.hashCode(), 10_000));
        String userId = "user-" + unique;
        String webhookSecret = "whsec-" + UUID.randomUUID();
        s.remember(label + " write key", writeKey);
        s.remember(label + " API token", apiToken);
        s.remember(label + " email", email);
        s.remember(label + " phone", phone);
        s.remember(label + " webhook secret", webhookSecret);

        RawHttp.Answer secret = http.json("PUT", s.url(Service.INGEST) + "/v1/workspaces/" + id + "/webhook-secrets/shopify",
                RawHttp.bearer(s.suite.adminToken()), Map.of("secret", webhookSecret));
        assertThat(secret.status()).as(secret.text()).isEqualTo(200);

        RawHttp.Answer identify = http.json("POST", s.url(Service.INGEST) + "/v1/identify", RawHttp.basic(writeKey),
                Map.of("userId", userId, "traits", Map.of("email", email, "phone", phone, "first_name", label)));
        assertThat(identify.status()).as(identify.text()).isEqualTo(200);
        RawHttp.Answer order = http.json("POST", s.url(Service.INGEST) + "/v1/track", RawHttp.basic(writeKey),
                Map.of("userId", userId, "event", "Order Completed",
                        "properties", Map.of("order_id", "o-" + unique, "total", 42.5, "currency", "EUR")));
        assertThat(order.status()).as(order.text()).isEqualTo(200);

        Map<String, String> token = RawHttp.bearer(apiToken);
        String profileId = await().atMost(PATIENCE).until(() -> {
            RawHttp.Answer a = http.get(s.url(Service.PROFILE) + "/v1/profiles?email=" + email, token);
            return a.status() == 200 && a.json().path("traits").path("orders_count").asInt() == 1 ? a.json().get("id").asText() : null;
        }, v -> v != null);

        // Presets appear when segment-service hears of the workspace; then one segment of the tenant's own.
        await().atMost(PATIENCE).until(() -> http.get(s.url(Service.SEGMENT) + "/v1/segments", token).json().size() > 0);
        RawHttp.Answer segment = http.json("POST", s.url(Service.SEGMENT) + "/v1/segments", token,
                Map.of("name", label + " big spenders " + unique, "condition", "total_spent > 40"));
        assertThat(segment.status()).as(segment.text()).isEqualTo(201);
        String segmentId = segment.json().get("id").asText();

        String journeyId = await().atMost(PATIENCE).until(() -> {
            JsonNode list = http.get(s.url(Service.JOURNEY) + "/v1/journeys", token).json();
            return list.isArray() && list.size() > 0 ? list.get(0).get("id").asText() : null;
        }, v -> v != null);
        String runId = await().atMost(PATIENCE).until(() -> {
            JsonNode runs = http.get(s.url(Service.JOURNEY) + "/v1/profiles/" + profileId + "/runs", token).json();
            return runs.isArray() && runs.size() > 0 ? runs.get(0).get("id").asText() : null;
        }, v -> v != null);
        return new Tenant(id, name, writeKey, apiToken, email, phone, userId, profileId, segmentId, journeyId, runId, webhookSecret);
    }

    Map<String, String> token() {
        return RawHttp.bearer(apiToken);
    }

    /** Every identifier and value of this tenant that another workspace must never see. */
    List<String> traces() {
        return List.of(id, name, email, phone, userId, profileId, segmentId, journeyId, runId);
    }

    /**
     * What a path parameter of an operation names in this tenant (ids of its profile, segment, journey, run...), so
     * an operation enumerated from OpenAPI can be pointed at this tenant's data.
     */
    String pathValue(OpenApi.Operation op, String param) {
        String path = op.path();
        return switch (param) {
            case "workspaceId" -> id;
            case "profileId" -> profileId;
            case "runId" -> runId;
            case "channel" -> "email";
            case "provider" -> "shopify";
            case "key" -> "welcome";
            case "token" -> "not-a-signed-link";
            case "endpoint" -> "batch";
            case "slash" -> "";
            case "id" -> path.startsWith("/v1/workspaces") ? id
                    : path.startsWith("/v1/profiles") || path.startsWith("/v1/predictions") ? profileId
                    : path.startsWith("/v1/segments") ? segmentId
                    : path.startsWith("/v1/journeys") ? journeyId
                    : path.startsWith("/v1/runs") ? runId
                    : UUID.randomUUID().toString();
            default -> UUID.randomUUID().toString();
        };
    }

    /** The operation's URL with its path parameters filled from this tenant. */
    String url(SharedSuite.Running s, OpenApi.Operation op) {
        String path = op.path();
        for (String p : op.pathParams()) path = path.replaceAll("\\{" + p + "(:[^}]*)?}", pathValue(op, p));
        return s.url(op.service()) + path;
    }
}
