package crm.testing;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every packaged service promises the platform that runs it, checked against the artifact itself (the jar here,
 * the native executable under -Pnative) by a {@code @QuarkusIntegrationTest} implementing this interface: probes that
 * cover the database and Kafka, Prometheus metrics, the OpenAPI document, and problem+json for a refused call.
 */
public interface PackagedServiceContract {

    /** A path of the service's API that needs a credential, to check that a call without one is refused properly. */
    String protectedPath();

    @Test
    default void packaged_service_is_live_and_ready_with_its_database_and_kafka() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Messaging")));
    }

    @Test
    default void packaged_service_exposes_metrics_and_its_openapi_document() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/v1/"));
    }

    @Test
    default void packaged_service_refuses_a_call_without_credentials_as_problem_json() {
        given().when().get(protectedPath()).then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }
}
