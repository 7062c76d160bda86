package crm.ingest.tracking;

import crm.ingest.Ingest;
import crm.testing.ApiTokenKeys;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Segment's third auth option: {@code Authorization: Bearer <workspace API token>} plus {@code writeKey} in the body. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class BearerTokenAuthTest {
    private Map<String, String> workspace;

    @BeforeEach
    void newWorkspace() {
        workspace = Ingest.createWorkspace("Bearer " + UUID.randomUUID());
    }

    private static ValidatableResponse post(String path, String authorization, Map<String, Object> body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .when().post(path).then();
    }

    private Map<String, Object> track(String messageId) {
        Map<String, Object> body = new HashMap<>(Map.of("userId", "u-1", "event", "Bearer Tested", "messageId", messageId));
        body.put("writeKey", workspace.get("writeKey"));
        return body;
    }

    @Test
    void the_issued_api_token_with_the_write_key_in_the_body_lands_on_every_tracking_endpoint() {
        String bearer = "Bearer " + workspace.get("apiToken");
        String prefix = "bearer-" + UUID.randomUUID();
        Map<String, Map<String, Object>> calls = Map.of(
                "/v1/identify", Map.of("userId", "u-1"),
                "/v1/track", Map.of("userId", "u-1", "event", "E"),
                "/v1/page", Map.of("userId", "u-1", "name", "Home"),
                "/v1/screen", Map.of("userId", "u-1", "name", "Home"),
                "/v1/group", Map.of("userId", "u-1", "groupId", "g-1"),
                "/v1/alias", Map.of("userId", "u-1", "previousId", "anon-1"));
        calls.forEach((path, message) -> {
            Map<String, Object> body = new HashMap<>(message);
            body.put("messageId", prefix + path);
            body.put("writeKey", workspace.get("writeKey"));
            post(path, bearer, body).statusCode(200).body("success", equalTo(true));
        });
        for (String path : List.of("/v1/batch", "/v1/import")) {
            Map<String, Object> item = new HashMap<>(Map.of("type", "track", "userId", "u-1", "event", "E"));
            item.put("messageId", prefix + path);
            post(path, bearer, Map.of("batch", List.of(item), "writeKey", workspace.get("writeKey"))).statusCode(200);
        }
        for (String path : List.of("/v1/identify", "/v1/track", "/v1/page", "/v1/screen", "/v1/group", "/v1/alias",
                "/v1/batch", "/v1/import")) {
            assertThat(Ingest.awaitEvent(prefix + path).workspaceId()).as(path).isEqualTo(workspace.get("id"));
        }
    }

    @Test
    void a_bearer_token_without_write_key_in_the_body_is_401_naming_write_key() {
        Map<String, Object> body = track(UUID.randomUUID().toString());
        body.remove("writeKey");
        post("/v1/track", "Bearer " + workspace.get("apiToken"), body).statusCode(401)
                .contentType("application/problem+json")
                .body("field", equalTo("writeKey"))
                .body("detail", containsString("writeKey"));
    }

    @Test
    void an_expired_token_is_401_naming_the_authorization_header() {
        String expired = CrmTestInfra.keys().tokenFor(workspace.get("id"), Instant.now().minus(Duration.ofHours(1)));
        post("/v1/track", "Bearer " + expired, track(UUID.randomUUID().toString())).statusCode(401)
                .contentType("application/problem+json")
                .body("field", equalTo("Authorization"))
                .body("detail", containsString("expired"));
    }

    @Test
    void a_token_signed_with_another_key_or_garbage_or_an_empty_one_is_401() {
        String forged = ApiTokenKeys.generate().tokenFor(workspace.get("id"));
        for (String authorization : List.of("Bearer " + forged, "Bearer not.a.jwt", "Bearer ")) {
            post("/v1/track", authorization, track(UUID.randomUUID().toString())).statusCode(401)
                    .contentType("application/problem+json")
                    .body("field", equalTo("Authorization"))
                    .body("detail", containsString("not a valid API token"));
        }
    }

    @Test
    void a_token_of_another_workspace_is_401_naming_write_key_and_stores_nothing() {
        String messageId = "m-" + UUID.randomUUID();
        String otherToken = Ingest.createWorkspace("Other " + UUID.randomUUID()).get("apiToken");
        post("/v1/track", "Bearer " + otherToken, track(messageId)).statusCode(401)
                .contentType("application/problem+json")
                .body("field", equalTo("writeKey"))
                .body("detail", containsString("another workspace"));
        Map<String, Object> unknownKey = track(messageId);
        unknownKey.put("writeKey", "not-a-key");
        post("/v1/track", "Bearer " + workspace.get("apiToken"), unknownKey).statusCode(401)
                .body("field", equalTo("writeKey"));
        assertThat(Ingest.eventsWithId(messageId)).isEmpty();
    }
}
