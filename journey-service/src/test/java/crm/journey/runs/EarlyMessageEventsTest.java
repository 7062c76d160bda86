package crm.journey.runs;

import crm.events.CustomerEvent;
import crm.events.Identities;
import crm.events.Json;
import crm.events.MessageEvent;
import crm.events.Topics;
import crm.journey.TestClock;
import crm.journey.Transitions;
import crm.journey.providers.ProviderStubs;
import crm.journey.runtime.Database;
import crm.journey.sends.SendScenario;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A wait for "the email was opened" sees the open whenever it came: before the run reached the wait (a fast open, a
 * wait in between, a callback that overtook the send's outcome) or while it waits, named by the message id alone as
 * provider callbacks name it.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
@QuarkusTestResource(ProviderStubs.class)
class EarlyMessageEventsTest {
    /** mail, then (optionally) an hour's pause, then: opened within a day? thanks : nudge. */
    static String steps(boolean pause) {
        return "[{\"type\":\"send\",\"id\":\"mail\",\"channel\":\"email\",\"template\":\"welcome\"},"
                + (pause ? "{\"type\":\"wait\",\"id\":\"pause\",\"duration\":\"PT1H\"}," : "")
                + "{\"type\":\"wait_for_event\",\"id\":\"opened\",\"event\":\"Message Opened\",\"ofStep\":\"mail\",\"within\":\"P1D\","
                + "\"happened\":\"thanks\",\"timedOut\":\"nudge\"},"
                + "{\"type\":\"send\",\"id\":\"nudge\",\"channel\":\"email\",\"template\":\"welcome-offer\",\"next\":\"end\"},"
                + "{\"type\":\"send\",\"id\":\"thanks\",\"channel\":\"email\",\"template\":\"welcome-tips\"},"
                + "{\"type\":\"exit\",\"id\":\"end\"}]";
    }

    @Inject
    Database database;
    @Inject
    RunTimers timers;

    private final SendScenario scenario = SendScenario.ofNewWorkspace();

    @AfterEach
    void putTheClockBack() {
        TestClock.reset();
    }

    private String sentMail(String profileId, String email, boolean pause) {
        String[] journey = scenario.journey(steps(pause));
        scenario.enter(journey[1], profileId, Map.of("email", email));
        await().atMost(SendScenario.PATIENCE).until(() -> scenario.sends(database, profileId).stream()
                .anyMatch(r -> r.step().equals("mail") && r.published()));
        return scenario.sends(database, profileId).get(0).key();
    }

    /** "Message Opened" as ingest publishes a provider's callback that names our message id only. */
    private void opened(String messageId, String email) {
        CustomerEvent e = new MessageEvent(MessageEvent.Status.opened, MessageEvent.Channel.email, messageId, null, null,
                null, "sendgrid", null).toCustomerEvent("sendgrid:" + UUID.randomUUID(), scenario.workspaceId(),
                Identities.of(null, null, email), TestClock.now(), "sendgrid");
        CrmTestInfra.kafka().send(Topics.EVENTS, e.key(), Json.write(e));
    }

    private JsonPath timeline(String runId) {
        return given().auth().oauth2(scenario.token()).get("/v1/runs/{id}", runId).then().statusCode(200).extract().jsonPath();
    }

    private String outcome(String runId, String stepId) {
        return timeline(runId).getString("steps.find { it.stepId == '" + stepId + "' }.outcome");
    }

    private boolean recorded(String messageId) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select 1 from message_feedback where message_id = ? and status = 'opened'")) {
                ps.setString(1, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Test
    void an_open_before_the_run_reaches_its_wait_takes_the_happened_branch_at_once() {
        String email = Transitions.email("early");
        String messageId = sentMail("p-early", email, true);
        String runId = messageId.split(":")[0];
        await().atMost(SendScenario.PATIENCE).until(() -> "pause".equals(timeline(runId).getString("currentStep")));

        opened(messageId, email);
        await().atMost(SendScenario.PATIENCE).until(() -> recorded(messageId));
        assertThat(timeline(runId).getString("currentStep")).isEqualTo("pause");

        TestClock.advance(Duration.ofHours(1).plusMinutes(1));
        timers.fireDue(1000);
        await().atMost(SendScenario.PATIENCE).until(() -> "happened".equals(outcome(runId, "opened")));
        assertThat(timeline(runId).getList("steps.stepId")).contains("thanks").doesNotContain("nudge");
    }

    @Test
    void an_open_naming_only_the_message_wakes_the_run_waiting_for_it() {
        String email = Transitions.email("waiting");
        String messageId = sentMail("p-waiting", email, false);
        String runId = messageId.split(":")[0];
        await().atMost(SendScenario.PATIENCE).until(() -> "opened".equals(timeline(runId).getString("currentStep")));

        opened(messageId, email);
        await().atMost(SendScenario.PATIENCE).until(() -> "happened".equals(outcome(runId, "opened")));
        assertThat(timeline(runId).getList("steps.stepId")).contains("thanks").doesNotContain("nudge");
    }
}
