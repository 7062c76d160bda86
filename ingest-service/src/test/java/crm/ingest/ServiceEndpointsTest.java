package crm.ingest;

import crm.events.Topics;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class ServiceEndpointsTest {
    @ConfigProperty(name = "mp.messaging.outgoing.customer-events.topic")
    String eventsTopic;
    @ConfigProperty(name = "mp.messaging.outgoing.workspace-changes.topic")
    String workspacesTopic;

    @Test
    void liveness_and_readiness_are_up_and_readiness_covers_the_database_and_kafka() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Messaging")))
                .body(containsString("customer-events"))
                .body(containsString("workspace-changes"));
    }

    @Test
    void openapi_describes_the_tracking_and_workspace_endpoints() {
        given().when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/v1/track"))
                .body(containsString("/v1/identify"))
                .body(containsString("/v1/workspaces"));
    }

    @Test
    void metrics_are_exposed_for_prometheus() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }

    @Test
    void channels_publish_to_the_contract_topics() {
        assertThat(eventsTopic).isEqualTo(Topics.EVENTS);
        assertThat(workspacesTopic).isEqualTo(Topics.WORKSPACES);
    }
}
