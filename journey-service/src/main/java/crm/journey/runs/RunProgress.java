package crm.journey.runs;

import crm.journey.definition.Step;
import crm.journey.journeys.Journey;
import crm.journey.journeys.JourneyRepository;
import crm.journey.sends.PlannedSend;
import crm.journey.sends.SendRepository;
import crm.journey.sends.SendStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Moves runs through their journey's steps: into a step when a run starts, on to the next when a step is done. */
@ApplicationScoped
public class RunProgress {
    @Inject
    JourneyRepository journeys;
    @Inject
    SendRepository sends;
    @Inject
    RunRepository runs;

    /** Enters a step: writes what it does (a send for a send step), due now. */
    public void enter(Connection c, String workspaceId, UUID runId, Step step, Map<String, Object> profile, Instant now) throws SQLException {
        if (step instanceof Step.Send send) {
            sends.insert(c, workspaceId, PlannedSend.of(runId, send, profile, now), now);
        }
    }

    /**
     * A step's send finished: a failed send fails the run; otherwise the run goes on to the next step, or completes
     * when there is none. The next step addresses the customer from the same snapshot.
     */
    public void afterSend(Connection c, String workspaceId, UUID runId, String journeyId, String stepId,
                          SendStatus outcome, Map<String, Object> profile, Instant now) throws SQLException {
        if (outcome == SendStatus.failed) {
            runs.end(c, runId, RunStatus.failed, now);
            return;
        }
        Optional<Step> next = journeys.find(c, workspaceId, journeyId).flatMap(j -> j.definition().stepAfter(stepId));
        if (next.isPresent()) {
            enter(c, workspaceId, runId, next.get(), profile, now);
        } else {
            runs.end(c, runId, RunStatus.completed, now);
        }
    }

    /** Starts a run of the journey for the profile unless it has one; returns whether it started. */
    public boolean start(Connection c, Journey journey, String profileId, String entryKey, Map<String, Object> profile,
                         Instant now) throws SQLException {
        UUID runId = UUID.randomUUID();
        if (!runs.start(c, runId, journey, profileId, entryKey, now)) return false;
        enter(c, journey.workspaceId(), runId, journey.definition().firstStep().orElseThrow(), profile, now);
        return true;
    }
}
