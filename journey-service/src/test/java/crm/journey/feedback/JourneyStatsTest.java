package crm.journey.feedback;

import crm.events.Identities;
import crm.journey.Transitions;
import crm.journey.providers.ProviderStubs;
import crm.journey.runtime.Database;
import crm.journey.sends.SendScenario;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
@QuarkusTestResource(ProviderStubs.class)
class JourneyStatsTest {
    @Inject
    Database database;

    private final SendScenario scenario = SendScenario.ofNewWorkspace();

    @Test
    void stats_count_entries_sends_opens_clicks_and_the_order_credited_to_the_step() {
        String email = Transitions.email("buyer");
        scenario.profile(database, "p-buyer", Map.of("email", email));
        String[] journey = scenario.journey("[{\"type\":\"send\",\"id\":\"mail\",\"channel\":\"email\",\"template\":\"welcome\"}]");
        scenario.enter(journey[1], "p-buyer", Map.of("email", email));
        await().atMost(SendScenario.PATIENCE).until(() -> scenario.sends(database, "p-buyer").stream().anyMatch(SendScenario.Row::published));
        String messageId = scenario.sends(database, "p-buyer").get(0).key();

        // As ingest publishes SendGrid's callbacks: the message id from custom_args, the customer by email.
        Identities byEmail = Identities.of(null, null, email);
        scenario.track("Message Delivered", byEmail, Map.of("channel", "email", "message_id", messageId, "provider", "sendgrid"), Instant.now());
        scenario.track("Message Opened", byEmail, Map.of("channel", "email", "message_id", messageId, "provider", "sendgrid"), Instant.now());
        scenario.track("Message Opened", byEmail, Map.of("channel", "email", "message_id", messageId, "provider", "sendgrid"), Instant.now());
        scenario.track("Message Clicked", byEmail, Map.of("channel", "email", "message_id", messageId, "url", "https://shop/p/1"), Instant.now());
        scenario.track("Order Completed", byEmail, Map.of("order_id", "1001", "revenue", 42.50, "currency", "EUR"), Instant.now().plusSeconds(1));

        await().atMost(SendScenario.PATIENCE).untilAsserted(() -> {
            JsonPath stats = scenario.stats(journey[0]);
            assertThat(stats.getInt("converted")).isEqualTo(1);
            assertThat(stats.getInt("steps[0].clicked")).isEqualTo(1);
        });
        JsonPath stats = scenario.stats(journey[0]);
        assertThat(stats.getString("journeyId")).isEqualTo(journey[0]);
        assertThat(stats.getInt("entered")).isEqualTo(1);
        assertThat(stats.getFloat("revenue")).isEqualTo(42.5f);
        assertThat(stats.getString("steps[0].stepId")).isEqualTo("mail");
        assertThat(stats.getString("steps[0].channel")).isEqualTo("email");
        assertThat(stats.getInt("steps[0].sent")).isEqualTo(1);
        assertThat(stats.getInt("steps[0].delivered")).isEqualTo(1);
        assertThat(stats.getInt("steps[0].opened")).isEqualTo(1);
        assertThat(stats.getInt("steps[0].converted")).isEqualTo(1);
        assertThat(stats.getMap("steps[0].skipped")).isEmpty();
    }

    @Test
    void another_workspaces_journey_has_no_stats() {
        String[] journey = scenario.journey("[{\"type\":\"send\",\"id\":\"mail\",\"channel\":\"email\",\"template\":\"welcome\"}]");
        given().auth().oauth2(CrmTestInfra.apiToken("ws-" + UUID.randomUUID())).get("/v1/journeys/{id}/stats", journey[0])
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/journeys/{id}/stats", journey[0]).then().statusCode(401);
    }
}
