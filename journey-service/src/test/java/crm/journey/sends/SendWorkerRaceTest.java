package crm.journey.sends;

import crm.journey.Racers;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class SendWorkerRaceTest {
    @Inject
    WelcomeBacklog backlog;
    @Inject
    SendWorker worker;

    @Test
    void two_workers_racing_the_same_due_sends_send_each_once() throws Exception {
        String ws = "ws-" + UUID.randomUUID();
        List<String> recipients = backlog.start(ws, "race", 12);

        Racers.raceUntilNothingIsDue(2, () -> worker.deliverDue(2));

        // The service's own workers, woken by the commit, race the two as well: wait for every outcome to be recorded.
        await().atMost(Duration.ofSeconds(60)).until(() -> backlog.sends(ws).values().stream().allMatch(r -> r.status().equals("sent")));
        Map<String, WelcomeBacklog.SendRow> rows = backlog.sends(ws);
        assertThat(rows).hasSize(recipients.size());
        // One claim per send: a send taken by two workers would show a second attempt and a second email. A second
        // attempt is only allowed as a retry after the SMTP server did not answer (the log says so).
        Deliveries.eachSentOnce(recipients, rows);
    }
}
