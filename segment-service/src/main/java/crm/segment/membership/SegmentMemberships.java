package crm.segment.membership;

import crm.events.Json;
import crm.events.ProfileChanged;
import crm.events.SegmentMembershipChanged;
import crm.events.Topics;
import crm.segment.condition.Evaluation;
import crm.segment.condition.Facts;
import crm.segment.definition.PresetSegmentsSetup;
import crm.segment.definition.SegmentRepository;
import crm.segment.definition.WorkspaceSegments;
import crm.segment.outbox.OutboxRepository;
import crm.segment.outbox.OutboxRow;
import crm.segment.statistics.StatisticsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Applies a profile snapshot to the memberships of its workspace, in one transaction with the outbox. */
@ApplicationScoped
public class SegmentMemberships {
    @Inject
    ProjectionRepository projection;
    @Inject
    SegmentRepository segments;
    @Inject
    MembershipRepository memberships;
    @Inject
    OutboxRepository outbox;
    @Inject
    PresetSegmentsSetup presets;
    @Inject
    StatisticsRepository statistics;
    @Inject
    WorkspaceLock lock;
    @Inject
    InstantSource clock;

    /** @return the transitions written to the outbox; none when the version was already applied */
    @Transactional
    public List<Transition> apply(ProfileChanged snapshot) {
        String workspaceId = snapshot.workspaceId();
        String profileId = snapshot.profileId();
        lock.lock(workspaceId);
        // Before this snapshot is stored: a workspace's first profile needs no backfill of its presets, it is evaluated below.
        presets.upToDate(workspaceId);
        // A merged or erased profile stays gone, whatever late snapshot of it arrives.
        if (projection.isRetired(workspaceId, profileId)) return List.of();
        Map<String, Object> facts = Facts.of(snapshot.traits());
        if (!projection.advance(workspaceId, profileId, snapshot.version(), snapshot.traits(), facts)) return List.of();

        WorkspaceSegments all = segments.workspace(workspaceId);
        Instant now = clock.instant();
        Evaluation evaluation = new Evaluation(now, statistics.load(workspaceId), all.lookup());
        List<Transition> transitions = MembershipTransitions.of(all.all(), memberships.segmentsOf(workspaceId, profileId), facts, evaluation);
        for (Transition t : transitions) {
            if (t.change() == SegmentMembershipChanged.Change.ENTERED) memberships.enter(workspaceId, t.segment().id(), profileId, now);
            else memberships.exit(workspaceId, t.segment().id(), profileId);
            SegmentMembershipChanged message = t.announce(UUID.randomUUID().toString(), snapshot, now);
            outbox.add(new OutboxRow(message.id(), Topics.SEGMENTS, profileId, Json.write(message)), now);
        }
        return transitions;
    }
}
