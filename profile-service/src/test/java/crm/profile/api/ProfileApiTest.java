package crm.profile.api;

import crm.events.Identities;
import crm.profile.Events;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class ProfileApiTest {

    /** A workspace with one profile for the email, folded through the real broker; answers the profile id. */
    static String profileOf(String ws, String email) {
        Events.send(Events.identify(ws, Identities.of(null, null, email), Map.of("first_name", "Lea")));
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var r = given().auth().oauth2(CrmTestInfra.apiToken(ws)).queryParam("email", email).get("/v1/profiles");
            return r.statusCode() == 200 ? r.jsonPath().getString("id") : null;
        }, id -> id != null);
    }

    @Test
    void a_profile_is_found_by_its_id_with_its_traits_and_identities() {
        String ws = "ws-" + UUID.randomUUID();
        String id = profileOf(ws, "lea@example.com");

        given().auth().oauth2(CrmTestInfra.apiToken(ws)).get("/v1/profiles/" + id).then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("workspaceId", equalTo(ws))
                .body("version", equalTo(1))
                .body("traits.first_name", equalTo("Lea"))
                .body("traits.orders_count", equalTo(0))
                .body("identities.email", hasItem("lea@example.com"))
                .body("createdAt", containsString("T"))
                .body("updatedAt", containsString("T"));
    }

    @Test
    void token_of_another_workspace_gets_404() {
        String ws = "ws-" + UUID.randomUUID();
        String id = profileOf(ws, "sam@example.com");
        String other = CrmTestInfra.apiToken("ws-" + UUID.randomUUID());

        given().auth().oauth2(other).get("/v1/profiles/" + id).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(other).queryParam("email", "sam@example.com").get("/v1/profiles").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void unknown_or_malformed_ids_get_404() {
        String token = CrmTestInfra.apiToken("ws-" + UUID.randomUUID());

        given().auth().oauth2(token).get("/v1/profiles/" + UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().auth().oauth2(token).get("/v1/profiles/not-an-id").then().statusCode(404);
        given().auth().oauth2(token).queryParam("userId", "nobody").get("/v1/profiles").then().statusCode(404);
    }

    @Test
    void lookup_without_an_identifier_is_400_naming_the_parameter() {
        given().auth().oauth2(CrmTestInfra.apiToken("ws-" + UUID.randomUUID())).queryParam("email", " ").get("/v1/profiles").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("email"));
    }

    @Test
    void no_token_gets_401() {
        given().get("/v1/profiles/" + UUID.randomUUID()).then()
                .statusCode(401).contentType("application/problem+json");
        given().queryParam("email", "lea@example.com").get("/v1/profiles").then().statusCode(401);
    }

    @Test
    void a_token_not_signed_by_the_suite_gets_401() {
        String forged = crm.testing.ApiTokenKeys.generate().tokenFor("ws-" + UUID.randomUUID());

        given().auth().oauth2(forged).get("/v1/profiles/" + UUID.randomUUID()).then()
                .statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not-a-jwt").get("/v1/profiles/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void health_openapi_and_metrics_answer() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Kafka")));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/v1/profiles"));
        given().get("/q/metrics").then().statusCode(200);
    }
}
