package crm.ingest;

import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class ServiceEndpointsTest {
    @Test
    void liveness_and_readiness_are_up_and_readiness_covers_the_database_and_kafka() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Messaging")))
                .body("checks.find { it.name.startsWith('Messaging') }.data.brokers", equalTo(1));
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
}
