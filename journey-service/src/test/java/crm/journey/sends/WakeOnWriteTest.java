package crm.journey.sends;

import crm.events.Identities;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sends due at once go out when they are committed, not at the next poll (an hour here): the send workers are woken by
 * the commit, whoever wrote the send, and share a backlog between them.
 */
@QuarkusTest
@TestProfile(WorkersWithoutPolling.class)
@QuarkusTestResource(CrmTestInfra.class)
class WakeOnWriteTest {
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    WelcomeBacklog backlog;

    @Test
    void sends_written_by_the_event_consumer_a_finished_send_and_a_timer_go_out_without_waiting_for_the_poll() {
        SendScenario scenario = SendScenario.ofNewWorkspace();
        String body = """
                {"name": "Wake", "definition": {
                  "trigger": {"type": "event", "event": "Wake Ping"},
                  "steps": [
                    {"type": "send", "id": "first", "channel": "email", "template": "welcome"},
                    {"type": "send", "id": "second", "channel": "email", "template": "welcome-tips"},
                    {"type": "wait", "id": "pause", "duration": "PT1S"},
                    {"type": "send", "id": "third", "channel": "email", "template": "welcome-offer"}
                  ]}}""";
        String id = given().auth().oauth2(scenario.token()).contentType(ContentType.JSON).body(body)
                .post("/v1/journeys").then().statusCode(201).extract().jsonPath().getString("id");
        given().auth().oauth2(scenario.token()).post("/v1/journeys/{id}/activate", id).then().statusCode(200);
        String email = "wake-" + UUID.randomUUID() + "@example.com";

        scenario.track("Wake Ping", Identities.of(null, null, email), Map.of(), Instant.now());

        // The first send is written by the event consumer, the second by the worker that finished the first, the third
        // by the run timer: each commit wakes a worker.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(CrmTestInfra.smtp().receivedBy(email)).hasSize(3));
        assertThat(CrmTestInfra.smtp().receivedBy(email)).extracting(Deliveries::idempotencyKey)
                .doesNotHaveDuplicates();
    }

    @Test
    void the_workers_deliver_a_backlog_together_each_send_exactly_once() {
        String ws = "ws-" + UUID.randomUUID();
        // One commit writes the whole backlog: many full batches, one wake-up.
        List<String> recipients = backlog.start(ws, "backlog", 200);

        // A send the SMTP server did not answer in time is retried shortly after: that retry must not wait for the poll.
        await().atMost(Duration.ofSeconds(60)).until(() -> backlog.sends(ws).values().stream().allMatch(s -> s.status().equals("sent") && s.published()));
        Map<String, WelcomeBacklog.SendRow> rows = backlog.sends(ws);
        assertThat(rows).hasSize(recipients.size());
        Deliveries.eachSentOnce(recipients, rows);
    }
}
