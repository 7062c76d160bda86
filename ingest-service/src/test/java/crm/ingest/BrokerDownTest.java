package crm.ingest;

import crm.ingest.workspace.Workspace;
import crm.ingest.workspace.WorkspaceRepository;
import crm.ingest.workspace.WriteKey;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

@QuarkusTest
@TestProfile(BrokerDown.class)
@QuarkusTestResource(CrmTestInfra.class)
class BrokerDownTest {
    @Inject
    WorkspaceRepository workspaces;
    @Inject
    DataSource dataSource;

    @Test
    void tracking_answers_503_with_retry_after_within_seconds_when_the_broker_does_not_ack() throws Exception {
        WriteKey key = WriteKey.generate(new SecureRandom());
        workspaces.insert(new Workspace(UUID.randomUUID().toString(), "Offline shop", Instant.now()), key.hash());

        given().header("Authorization", Ingest.basic(key.value())).contentType(ContentType.JSON)
                .body(Map.of("userId", "u-1", "event", "Order Completed"))
                .when().post("/v1/track")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo(String.valueOf(ServiceUnavailable.RETRY_AFTER_SECONDS)))
                // Bounded by crm.publish.timeout and the producer timeouts (4.5 s), not by Kafka's defaults (60 s to
                // block, 120 s to deliver); the margin is for a loaded CI machine, the figure is not a benchmark.
                .time(lessThan(45L), TimeUnit.SECONDS);
    }

    @Test
    void workspace_creation_answers_503_and_stores_nothing_when_the_broker_does_not_ack() throws Exception {
        String name = "Never created " + UUID.randomUUID();

        given().header("Authorization", "Bearer " + CrmTestInfra.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .when().post("/v1/workspaces")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo(String.valueOf(ServiceUnavailable.RETRY_AFTER_SECONDS)));

        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from workspaces where name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertThat(r.getInt(1)).isZero();
            }
        }
    }

    @Test
    void the_service_is_not_ready_without_the_broker() {
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void a_store_webhook_delivery_mapped_or_dead_lettered_answers_503_when_the_broker_does_not_ack() throws Exception {
        String workspaceId = UUID.randomUUID().toString();
        workspaces.insert(new Workspace(workspaceId, "Offline store", Instant.now()), WriteKey.generate(new SecureRandom()).hash());
        given().header("Authorization", "Bearer " + CrmTestInfra.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("secret", "offline-secret"))
                .when().put("/v1/workspaces/" + workspaceId + "/webhook-secrets/woocommerce")
                .then().statusCode(200);
        // A mappable order and an unmappable one: neither is answered 200 before the broker has it.
        for (String body : new String[] {"{\"id\":727,\"status\":\"processing\"}", "{\"status\":\"processing\"}"}) {
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            given().contentType(ContentType.JSON).header("X-WC-Webhook-Topic", "order.created")
                    .header("X-WC-Webhook-Delivery-ID", UUID.randomUUID().toString())
                    .header("X-WC-Webhook-Signature", crm.ingest.webhooks.Hmac.base64(crm.ingest.webhooks.Hmac.SHA256,
                            "offline-secret", bytes))
                    .body(bytes)
                    .when().post("/v1/webhooks/woocommerce/" + workspaceId)
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo(String.valueOf(ServiceUnavailable.RETRY_AFTER_SECONDS)));
        }
    }
}
