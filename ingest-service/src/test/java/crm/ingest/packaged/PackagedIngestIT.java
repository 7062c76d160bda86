package crm.ingest.packaged;

import crm.ingest.Ingest;
import crm.testing.CrmTestInfra;
import crm.testing.PackagedServiceContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

/** The packaged ingest-service (jar, or native executable with -Pnative), driven as a store integration would. */
@QuarkusIntegrationTest
@QuarkusTestResource(CrmTestInfra.class)
class PackagedIngestIT implements PackagedServiceContract {

    @Override
    public String protectedPath() {
        return "/v1/workspaces/" + UUID.randomUUID();
    }

    @Test
    void a_tracked_event_from_a_new_workspace_lands_on_the_broker() {
        Map<String, String> workspace = Ingest.createWorkspace("Packaged shop");
        String messageId = "packaged-" + UUID.randomUUID();
        given().header("Authorization", Ingest.basic(workspace.get("writeKey"))).contentType(ContentType.JSON)
                .body(Map.of("userId", "u-1", "event", "Order Completed", "messageId", messageId,
                        "properties", Map.of("order_id", "o-1", "revenue", 42.5, "currency", "EUR")))
                .when().post("/v1/track").then().statusCode(200);

        var event = Ingest.awaitEvent(messageId);
        assertThat(event.workspaceId()).isEqualTo(workspace.get("id"));
        assertThat(event.name()).isEqualTo("Order Completed");
    }

    @Test
    void malformed_json_is_refused_as_problem_json() {
        Map<String, String> workspace = Ingest.createWorkspace("Packaged shop, bad input");
        given().header("Authorization", Ingest.basic(workspace.get("writeKey"))).contentType(ContentType.JSON)
                .body("{\"userId\": ").when().post("/v1/track")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
    }
}
