package crm.segment.membership;

import crm.segment.definition.Segment;
import crm.segment.definition.SegmentRepository;
import crm.segment.outbox.OutboxPublisher;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Memberships that flip only because time passed (signed up more than 15 days ago, last order more than 3 months
 * ago): every {@code crm.segment.sweep.every}, each segment that reads the clock (directly or through a segment it
 * references) is reconciled with its SQL form at the current time, and the flips are published ("time passed").
 */
@ApplicationScoped
public class TimeSweep {
    private static final Logger LOG = Logger.getLogger(TimeSweep.class);

    @Inject
    SegmentRepository segments;
    @Inject
    SegmentReconciler reconciler;
    @Inject
    OutboxPublisher publisher;

    @Scheduled(identity = "time-sweep", every = "${crm.segment.sweep.every}", delayed = "${crm.segment.sweep.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep();
    }

    /** @return how many memberships flipped */
    public int sweep() {
        int flipped = 0;
        for (String workspaceId : segments.workspacesReadingTheClock()) {
            try {
                flipped += sweep(workspaceId);
            } catch (RuntimeException e) {
                LOG.warnf("time sweep of workspace %s failed, next run retries: %s", workspaceId, e.toString());
            }
        }
        if (flipped > 0) {
            try {
                int published;
                do {
                    published = publisher.publishPending();
                } while (published == publisher.batchSize());
            } catch (RuntimeException e) {
                LOG.warnf("time sweep changes left for the relay: %s", e.toString());
            }
        }
        return flipped;
    }

    public int sweep(String workspaceId) {
        List<String> ids = segments.workspace(workspaceId).readingTheClock().stream().map(Segment::id).toList();
        return ids.isEmpty() ? 0 : reconciler.reconcile(workspaceId, ids, SegmentReconciler.TIME_PASSED);
    }
}
