package crm.segment.membership;

import crm.events.Json;
import crm.events.ProfileErased;
import crm.events.ProfileMerged;
import crm.events.SegmentMembershipChanged;
import crm.events.Topics;
import crm.segment.definition.Segment;
import crm.segment.definition.SegmentRepository;
import crm.segment.definition.WorkspaceSegments;
import crm.segment.outbox.OutboxRepository;
import crm.segment.outbox.OutboxRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Merges and erasures of profiles: memberships move to the survivor or are dropped. Both are idempotent. */
@ApplicationScoped
public class ProfileLifecycle {
    @Inject
    ProjectionRepository projection;
    @Inject
    MembershipRepository memberships;
    @Inject
    SegmentRepository segments;
    @Inject
    OutboxRepository outbox;
    @Inject
    WorkspaceLock lock;
    @Inject
    InstantSource clock;

    /**
     * The merged profile leaves every segment it was in (an exit is published for it, so journeys stop addressing
     * it) and the survivor keeps those memberships, entered when the merged profile entered unless it was a member
     * already. No entry is published for the survivor: journey-service moves the merged profile's runs itself, and
     * the survivor's next snapshot (which follows every merge) corrects any membership its merged traits no longer earn.
     *
     * @return how many exits were written to the outbox
     */
    @Transactional
    public int merged(ProfileMerged merge) {
        String workspaceId = merge.workspaceId();
        lock.lock(workspaceId);
        Map<String, Instant> held = memberships.enteredAt(workspaceId, merge.mergedId());
        var snapshot = projection.find(workspaceId, merge.mergedId());
        Instant now = clock.instant();
        WorkspaceSegments all = segments.workspace(workspaceId);
        List<OutboxRow> exits = new ArrayList<>();
        held.forEach((segmentId, enteredAt) -> {
            memberships.enter(workspaceId, segmentId, merge.profileId(), enteredAt);
            String name = all.byId(segmentId).map(Segment::name).orElse(null);
            SegmentMembershipChanged exit = new SegmentMembershipChanged(UUID.randomUUID().toString(), workspaceId, segmentId,
                    name, merge.mergedId(), SegmentMembershipChanged.Change.EXITED, "merged into " + merge.profileId(), now,
                    snapshot.map(ProjectionRepository.Snapshot::version).orElse(0L),
                    snapshot.map(ProjectionRepository.Snapshot::traits).orElse(Map.of()));
            exits.add(new OutboxRow(exit.id(), Topics.SEGMENTS, merge.mergedId(), Json.write(exit)));
        });
        memberships.removeAll(workspaceId, merge.mergedId());
        outbox.addAll(exits, now);
        projection.remove(workspaceId, merge.mergedId());
        projection.retire(workspaceId, merge.mergedId(), "merged into " + merge.profileId(), now);
        return exits.size();
    }

    /**
     * Forgets the profile: projection, memberships and unpublished messages about it (they carry its traits). Nothing
     * is published: journey-service cancels the profile's runs on the same ProfileErased. Only the pseudonymous id is
     * kept, so a late snapshot cannot bring the profile back.
     */
    @Transactional
    public void erased(ProfileErased erasure) {
        String workspaceId = erasure.workspaceId();
        lock.lock(workspaceId);
        memberships.removeAll(workspaceId, erasure.profileId());
        projection.remove(workspaceId, erasure.profileId());
        outbox.dropFor(erasure.profileId());
        projection.retire(workspaceId, erasure.profileId(), "erased", clock.instant());
    }
}
