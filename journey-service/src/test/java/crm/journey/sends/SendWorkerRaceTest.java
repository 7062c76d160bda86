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
        await().atMost(Duration.ofSeconds(60)).until(() -> rows(ws).stream().allMatch(r -> r.startsWith("sent/")));
        assertThat(recipients).allSatisfy(r -> assertThat(CrmTestInfra.smtp().receivedBy(r)).hasSize(1));
        // One claim per send: no send was delivered by two workers.
        assertThat(rows(ws)).hasSize(recipients.size()).containsOnly("sent/1");
    }

    private List<String> rows(String ws) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select status, attempts from sends where workspace_id = ?")) {
                ps.setString(1, ws);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1) + "/" + rs.getInt(2));
                }
                return out;
            }
        });
    }
}
