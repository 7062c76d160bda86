package crm.segment.backfill;

import crm.segment.definition.Segment;
import crm.segment.definition.SegmentRepository;
import crm.segment.definition.WorkspaceSegments;
import crm.segment.membership.SegmentReconciler;
import crm.segment.membership.WorkspaceLock;
import crm.segment.statistics.PopulationStatistics;
import crm.segment.condition.ConditionShape;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * One chunk of a backfill per transaction: the next {@code crm.segment.backfill.batch-size} profiles (by id) are
 * reconciled for the segment and the segments referencing it, and the memberships, the outbox rows and the job's new
 * position commit together. The workspace lock is held for one chunk only, so profile changes go on between chunks;
 * they evaluate the segment as it is now stored, so the profiles a chunk has not reached yet are never decided twice.
 */
@ApplicationScoped
public class BackfillChunks {
    @Inject
    BackfillRepository jobs;
    @Inject
    SegmentRepository segments;
    @Inject
    SegmentReconciler reconciler;
    @Inject
    PopulationStatistics statistics;
    @Inject
    WorkspaceLock lock;
    @Inject
    InstantSource clock;
    @ConfigProperty(name = "crm.segment.backfill.batch-size")
    int batchSize;
    @ConfigProperty(name = "crm.segment.backfill.lease")
    Duration lease;

    /** What a chunk did: how many entries and exits it wrote, and whether the job continues. */
    public record Step(int changes, boolean more) {
        static final Step STOPPED = new Step(0, false);
    }

    @Transactional
    public Step next(BackfillRepository.Claim claim) {
        lock.lock(claim.workspaceId());
        var position = jobs.lockIfCurrent(claim);
        if (position.isEmpty()) return Step.STOPPED; // edited again, deleted, or finished elsewhere
        String after = position.get().afterProfile();
        WorkspaceSegments all = segments.workspace(claim.workspaceId());
        Segment segment = all.byId(claim.segmentId()).orElse(null);
        Instant now = clock.instant();
        if (segment == null) { // its stored condition no longer reads: nothing to evaluate
            jobs.advance(claim, null, 0, 0, true, now, null);
            return Step.STOPPED;
        }
        if (after == null && ConditionShape.readsStatistics(segment.condition())) statistics.ensure(claim.workspaceId(), segment);
        List<String> profiles = jobs.nextProfiles(claim.workspaceId(), after, batchSize);
        int changes = 0;
        if (!profiles.isEmpty()) {
            List<String> affected = all.dependentsOf(segment.id()).stream().map(Segment::id).toList();
            changes = reconciler.reconcile(claim.workspaceId(), affected, SegmentReconciler.BACKFILL,
                    new SegmentReconciler.ProfileRange(after, profiles.get(profiles.size() - 1)));
        }
        boolean more = profiles.size() == batchSize;
        jobs.advance(claim, profiles.isEmpty() ? null : profiles.get(profiles.size() - 1), profiles.size(), changes, !more, now,
                now.plus(lease));
        return new Step(changes, more);
    }
}
