package crm.journey.sends;

import crm.events.Identities;
import crm.journey.journeys.Journey;
import crm.journey.journeys.JourneyRepository;
import crm.journey.journeys.JourneyTemplates;
import crm.journey.runs.RunProgress;
import crm.journey.runtime.Database;
import crm.journey.workspaces.Workspaces;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
    Database database;
    @Inject
    Workspaces workspaces;
    @Inject
    JourneyRepository journeys;
    @Inject
    RunProgress progress;

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
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 200; i++) recipients.add("backlog-" + i + "-" + UUID.randomUUID() + "@example.com");
        Instant now = Instant.now();
        // One commit writes the whole backlog: many full batches, one wake-up.
        database.inTransaction(c -> {
            workspaces.prepare(c, ws, now);
            Journey welcome = journeys.find(c, ws, JourneyTemplates.journeyId(ws, JourneyTemplates.WELCOME)).orElseThrow();
            for (int i = 0; i < recipients.size(); i++) {
                progress.start(c, welcome, "p-" + i, "", Map.of("email", recipients.get(i)), now);
            }
            return null;
        });

        // A send the SMTP server did not answer in time is retried shortly after: that retry must not wait for the poll.
        await().atMost(Duration.ofSeconds(60)).until(() -> sends(ws).values().stream().allMatch(s -> s.status().equals("sent") && s.published()));
        Map<String, Row> rows = sends(ws);
        assertThat(rows).hasSize(recipients.size());
        Deliveries.eachSentOnce(recipients, attempts(rows));
    }

    static Map<String, Integer> attempts(Map<String, Row> rows) {
        Map<String, Integer> attempts = new HashMap<>();
        rows.forEach((recipient, row) -> attempts.put(recipient, row.attempts()));
        return attempts;
    }

    record Row(String status, int attempts, boolean published) {
    }

    /** Recipient -> its send's row, for the workspace's first Welcome emails. */
    Map<String, Row> sends(String ws) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select recipient, status, attempts, published_at is not null from sends where workspace_id = ?")) {
                ps.setString(1, ws);
                Map<String, Row> out = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString(1), new Row(rs.getString(2), rs.getInt(3), rs.getBoolean(4)));
                }
                return out;
            }
        });
    }
}
