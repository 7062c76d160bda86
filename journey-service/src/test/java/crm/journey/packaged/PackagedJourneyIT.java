package crm.journey.packaged;

import crm.testing.CrmTestInfra;
import crm.testing.PackagedServiceContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** The packaged journey-service (jar, or native executable with -Pnative): templates activate, bad ones are refused. */
@QuarkusIntegrationTest
@QuarkusTestResource(CrmTestInfra.class)
class PackagedJourneyIT implements PackagedServiceContract {

    @Override
    public String protectedPath() {
        return "/v1/journeys";
    }

    @Test
    void the_welcome_template_activates_and_an_unknown_template_is_a_problem() {
        String token = CrmTestInfra.apiToken("ws-" + UUID.randomUUID());
        given().auth().oauth2(token).get("/v1/journeys/templates").then().statusCode(200).body("key", hasItem("welcome"));
        given().auth().oauth2(token).post("/v1/journeys/templates/{key}/activate", "welcome")
                .then().statusCode(200).body("status", equalTo("active"));
        given().auth().oauth2(token).post("/v1/journeys/templates/{key}/activate", "nope")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
    }
}
