package crm.journey.runs;

import crm.journey.Racers;
import crm.events.MessageEvent;
import crm.journey.JourneyScenarios;
import crm.journey.definition.JourneyDefinition;
import crm.journey.definition.Step;
import crm.journey.definition.Trigger;
import crm.journey.journeys.Journey;
import crm.journey.journeys.JourneyRepository;
import crm.journey.journeys.JourneyStatus;
import crm.journey.runtime.Database;
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

import static crm.journey.JourneyScenarios.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Runs live in PostgreSQL: what a stopped process left is picked up, and racing workers advance each run once. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class RunDurabilityTest {
    @Inject
    Database database;
    @Inject
    JourneyRepository journeys;
    @Inject
    RunRepository runs;
    @Inject
    RunTimers timers;

    private static final JourneyDefinition TWO_EMAILS_A_DAY_APART = new JourneyDefinition(new Trigger.SegmentEntered("seg"), List.of(
            new Step.Send("first", MessageEvent.Channel.email, "loyalty-thanks"),
            Step.Wait.of("pause", "PT24H"),
            new Step.Send("second", MessageEvent.Channel.email, "loyalty-perks")));

    /**
     * Writes, with nothing but rows, runs as a process stopped during their 24 h wait left them: the first email sent,
     * the wait entered 24 h ago and now due. Nothing of it exists in this process's memory.
     */
    private List<UUID> runsLeftWaiting(String ws, List<String> emails) {
        Instant now = Instant.now();
        Instant dayAgo = now.minus(Duration.ofHours(24));
        String journeyId = UUID.randomUUID().toString();
        return database.inTransaction(c -> {
            journeys.insert(c, new Journey(journeyId, ws, null, "Two emails", JourneyStatus.active, TWO_EMAILS_A_DAY_APART, 1, dayAgo));
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < emails.size(); i++) {
                Run run = new Run(UUID.randomUUID(), ws, journeyId, 1, "p-" + i, "", RunStatus.running, null, null, null, null,
                        Map.of("email", emails.get(i)), Map.of(), dayAgo, null);
                runs.insert(c, run, "");
                runs.addSteps(c, run.id(), List.of(new StepMachine.Visit("first", "send", "sent"),
                        new StepMachine.Visit("pause", "wait", null)), now, dayAgo);
                runs.halt(c, run.id(), "pause", now, null, null, run.traits());
                ids.add(run.id());
            }
            return ids;
        });
    }

    private List<String> stepsOf(UUID runId) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select step_id || '/' || coalesce(outcome, '-') from run_steps where run_id = ? order by seq")) {
                ps.setObject(1, runId);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    @Test
    void a_run_left_waiting_24_hours_by_a_stopped_process_goes_on_by_itself() {
        String ws = "ws-" + UUID.randomUUID();
        String email = JourneyScenarios.email("restart");
        UUID run = runsLeftWaiting(ws, List.of(email)).get(0);

        // No call from the test: the scheduled timer worker finds the due run in the database.
        await().atMost(PATIENCE).until(() -> CrmTestInfra.smtp().receivedBy(email).size() == 1);
        assertThat(JourneyScenarios.subjects(email)).containsExactly("Your loyalty perks");
        await().atMost(PATIENCE).until(() -> stepsOf(run).equals(List.of("first/sent", "pause/waited", "second/sent")));
    }

    @Test
    void two_workers_racing_the_same_due_timers_advance_each_run_once() throws Exception {
        String ws = "ws-" + UUID.randomUUID();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 12; i++) emails.add(JourneyScenarios.email("race-" + i));
        List<UUID> ids = runsLeftWaiting(ws, emails);

        Racers.raceUntilNothingIsDue(2, () -> timers.fireDue(2));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(emails)
                .allSatisfy(e -> assertThat(CrmTestInfra.smtp().receivedBy(e)).isNotEmpty()));
        assertThat(emails).allSatisfy(e -> assertThat(CrmTestInfra.smtp().receivedBy(e)).hasSize(1));
        // One advance per run: a second one would have written the wait's outcome and the send's visit twice.
        for (UUID id : ids) {
            await().atMost(PATIENCE).until(() -> stepsOf(id).equals(List.of("first/sent", "pause/waited", "second/sent")));
        }
    }
}
