package crm.profile.packaged;

import crm.events.Identities;
import crm.profile.Events;
import crm.testing.CrmTestInfra;
import crm.testing.PackagedServiceContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The packaged profile-service (jar, or native executable with -Pnative): events on the broker become profiles. */
@QuarkusIntegrationTest
@QuarkusTestResource(CrmTestInfra.class)
class PackagedProfileIT implements PackagedServiceContract {

    @Override
    public String protectedPath() {
        return "/v1/profiles/" + UUID.randomUUID();
    }

    @Test
    void an_identify_on_the_broker_becomes_a_profile_found_by_email() {
        String ws = "ws-" + UUID.randomUUID();
        String email = "lea-" + UUID.randomUUID() + "@example.com";
        Events.send(Events.identify(ws, Identities.of(null, null, email), Map.of("first_name", "Lea")));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().auth().oauth2(CrmTestInfra.apiToken(ws)).queryParam("email", email).get("/v1/profiles")
                        .then().statusCode(200).body("traits.first_name", equalTo("Lea")));
    }
}
