package crm.journey.sends;

import crm.journey.Racers;
import crm.journey.journeys.Journey;
import crm.journey.journeys.JourneyRepository;
import crm.journey.journeys.JourneyTemplates;
import crm.journey.runs.RunProgress;
import crm.journey.runtime.Database;
import crm.journey.workspaces.Workspaces;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class SendWorkerRaceTest {
    @Inject
    Database database;
    @Inject
    Workspaces workspaces;
    @Inject
    JourneyRepository journeys;
    @Inject
    RunProgress progress;
    @Inject
    SendWorker worker;

    @Test
    void two_workers_racing_the_same_due_sends_send_each_once() throws Exception {
        String ws = "ws-" + UUID.randomUUID();
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 12; i++) recipients.add("race-" + i + "-" + UUID.randomUUID() + "@example.com");
        Instant now = Instant.now();
        database.inTransaction(c -> {
            workspaces.prepare(c, ws, now);
            Journey welcome = journeys.find(c, ws, JourneyTemplates.journeyId(ws, JourneyTemplates.WELCOME)).orElseThrow();
            for (int i = 0; i < recipients.size(); i++) {
                progress.start(c, welcome, "p-" + i, "", Map.of("email", recipients.get(i)), now);
            }
            return null;
        });

        Racers.raceUntilNothingIsDue(2, () -> worker.deliverDue(2));

        // The service's own workers, woken by the commit, race the two as well: wait for every outcome to be recorded.
        await().atMost(Duration.ofSeconds(60)).until(() -> rows(ws).values().stream().allMatch(r -> r.startsWith("sent/")));
        Map<String, String> rows = rows(ws);
        assertThat(rows).hasSize(recipients.size());
        // One claim per send: a send taken by two workers would show a second attempt and a second email. A second
        // attempt is only allowed as a retry after the SMTP server did not answer (the log says so).
        Map<String, Integer> attempts = new HashMap<>();
        rows.forEach((recipient, row) -> attempts.put(recipient, Integer.parseInt(row.substring("sent/".length()))));
        Deliveries.eachSentOnce(recipients, attempts);
    }

    /** Recipient -> "status/attempts" of the workspace's sends. */
    private Map<String, String> rows(String ws) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select recipient, status, attempts from sends where workspace_id = ?")) {
                ps.setString(1, ws);
                Map<String, String> out = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString(1), rs.getString(2) + "/" + rs.getInt(3));
                }
                return out;
            }
        });
    }
}
