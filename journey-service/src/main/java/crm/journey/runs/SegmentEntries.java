package crm.journey.runs;

import crm.events.Json;
import crm.events.SegmentMembershipChanged;
import crm.journey.definition.ExitCriterion;
import crm.journey.journeys.Journey;
import crm.journey.journeys.JourneyRepository;
import crm.journey.runtime.Database;
import crm.journey.workspaces.Workspaces;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Starts journey runs from segment transitions (crm.segments.v1). A malformed message is dead-lettered; a valid one
 * waits for the database rather than being dropped.
 */
@ApplicationScoped
public class SegmentEntries {
    @Inject
    Database database;
    @Inject
    Workspaces workspaces;
    @Inject
    JourneyRepository journeys;
    @Inject
    RunRepository runs;
    @Inject
    RunProgress progress;
    @Inject
    InstantSource clock;

    @Incoming("segments")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        SegmentMembershipChanged change;
        try {
            change = Json.read(message.getPayload(), SegmentMembershipChanged.class);
            String defect = Entry.defect(change);
            if (defect != null) throw new IllegalArgumentException("not a valid SegmentMembershipChanged: " + defect);
        } catch (IllegalArgumentException e) {
            return message.nack(e);
        }
        return database.commitThenAck(message, c -> admit(c, change));
    }

    /**
     * In one transaction: prepares an unknown workspace, dedupes on the transition id, keeps the membership, ends the
     * runs a segment exit is an exit criterion of, and starts the runs an entry triggers. Returns how many runs started.
     */
    int admit(Connection c, SegmentMembershipChanged change) throws SQLException {
        Instant now = clock.instant();
        workspaces.prepare(c, change.workspaceId(), now);
        if (!runs.markTriggerProcessed(c, change.workspaceId(), change.id(), now)) return 0;
        if (change.change() == SegmentMembershipChanged.Change.EXITED) {
            runs.leaveSegment(c, change.workspaceId(), change.profileId(), change.segmentId());
            exitRuns(c, change, now);
            return 0;
        }
        runs.enterSegment(c, change.workspaceId(), change.profileId(), change.segmentId(), now);
        List<Journey> started = Entry.journeysStarted(change,
                journeys.activeTriggeredBy(c, change.workspaceId(), change.segmentId()));
        int count = 0;
        for (Journey journey : started) {
            if (progress.start(c, journey, change.profileId(), Entry.ONCE, change.id(), change.profile(), Map.of(), now).isPresent()) {
                count++;
            }
        }
        return count;
    }

    private void exitRuns(Connection c, SegmentMembershipChanged change, Instant now) throws SQLException {
        for (Run run : runs.running(c, change.workspaceId(), change.profileId(), List.of())) {
            if (!run.profileId().equals(change.profileId())) continue;
            boolean leaves = progress.definition(c, run).exits().stream().anyMatch(e ->
                    e instanceof ExitCriterion.SegmentExited s && change.segmentId().equals(s.segmentId()));
            if (leaves) progress.exit(c, run, "left segment " + (change.segmentName() == null ? change.segmentId() : change.segmentName()), now);
        }
    }
}
