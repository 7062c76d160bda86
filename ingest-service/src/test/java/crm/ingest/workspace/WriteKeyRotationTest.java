package crm.ingest.workspace;

import crm.ingest.Ingest;
import crm.ingest.MovableClock;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class WriteKeyRotationTest {
    private static final String ADMIN = "Bearer " + CrmTestInfra.ADMIN_TOKEN;

    @Inject
    MovableClock clock;
    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static int track(String writeKey) {
        return given().header("Authorization", Ingest.basic(writeKey)).contentType(ContentType.JSON)
                .body(Map.of("userId", "u", "event", "E"))
                .when().post("/v1/track").then().extract().statusCode();
    }

    private static Map<String, String> rotate(String workspaceId) {
        return given().header("Authorization", ADMIN)
                .when().post("/v1/workspaces/" + workspaceId + "/write-keys")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("workspaceId", equalTo(workspaceId))
                .body("writeKey", matchesPattern("[A-Za-z0-9_-]{43}"))
                .extract().jsonPath().getMap("", String.class, String.class);
    }

    @Test
    void a_new_key_works_at_once_and_the_previous_one_until_the_grace_ends() {
        Map<String, String> ws = Ingest.createWorkspace("Rotating " + UUID.randomUUID());
        String oldKey = ws.get("writeKey");
        assertThat(track(oldKey)).isEqualTo(200); // now cached by the directory

        Map<String, String> issued = rotate(ws.get("id"));
        String newKey = issued.get("writeKey");
        Instant validUntil = Instant.parse(issued.get("previousKeysValidUntil"));

        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(validUntil).isBetween(Instant.now().plus(Duration.ofHours(24)).minusSeconds(60),
                Instant.now().plus(Duration.ofHours(24)).plusSeconds(60));
        assertThat(track(newKey)).isEqualTo(200);
        assertThat(track(oldKey)).isEqualTo(200);

        clock.advance(Duration.ofHours(23).plusMinutes(58));
        assertThat(track(oldKey)).isEqualTo(200);
        clock.advance(Duration.ofMinutes(3));
        assertThat(track(oldKey)).isEqualTo(401);
        assertThat(track(newKey)).isEqualTo(200);
    }

    @Test
    void a_second_rotation_does_not_extend_the_first_key_grace() {
        Map<String, String> ws = Ingest.createWorkspace("Rotating " + UUID.randomUUID());
        String first = ws.get("writeKey");
        rotate(ws.get("id"));
        clock.advance(Duration.ofHours(12));
        String third = rotate(ws.get("id")).get("writeKey");

        clock.advance(Duration.ofHours(12).plusMinutes(1));
        assertThat(track(first)).isEqualTo(401);
        assertThat(track(third)).isEqualTo(200);
    }

    @Test
    void only_hashes_of_the_keys_are_stored() throws Exception {
        Map<String, String> ws = Ingest.createWorkspace("Rotating " + UUID.randomUUID());
        String newKey = rotate(ws.get("id")).get("writeKey");

        List<String> stored = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select hash from write_keys where workspace_id = ?")) {
            s.setString(1, ws.get("id"));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) stored.add(r.getString(1));
            }
        }
        assertThat(stored).containsExactlyInAnyOrder(WriteKey.hash(ws.get("writeKey")), WriteKey.hash(newKey));
    }

    @Test
    void rotation_needs_the_admin_token_and_an_existing_workspace() {
        Map<String, String> ws = Ingest.createWorkspace("Rotating " + UUID.randomUUID());

        given().when().post("/v1/workspaces/" + ws.get("id") + "/write-keys")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + ws.get("apiToken"))
                .when().post("/v1/workspaces/" + ws.get("id") + "/write-keys")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", ADMIN)
                .when().post("/v1/workspaces/" + UUID.randomUUID() + "/write-keys")
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(track(ws.get("writeKey"))).isEqualTo(200);
    }
}
