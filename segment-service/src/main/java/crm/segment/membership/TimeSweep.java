package crm.segment.membership;

import crm.segment.definition.Segment;
import crm.segment.definition.SegmentRepository;
import crm.segment.outbox.OutboxPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.TimeUnit;

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
    @Inject
    MeterRegistry registry;

    @Scheduled(identity = "time-sweep", every = "${crm.segment.sweep.every}", delayed = "${crm.segment.sweep.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep();
    }

    /**
     * Sweeps every workspace whose segments read the clock. Observable as the timer {@code crm.segment.sweep}
     * (Prometheus {@code crm_segment_sweep_seconds_*} at /q/metrics), the counter {@code crm.segment.sweep.flips}, and a
     * log line of this class per sweep (INFO when something flipped, DEBUG otherwise).
     *
     * @return how many memberships flipped
     */
    public int sweep() {
        long started = System.nanoTime();
        int flipped = 0;
        List<String> workspaces = segments.workspacesReadingTheClock();
        for (String workspaceId : workspaces) {
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
        long took = System.nanoTime() - started;
        registry.timer("crm.segment.sweep").record(took, TimeUnit.NANOSECONDS);
        if (flipped > 0) registry.counter("crm.segment.sweep.flips").increment(flipped);
        LOG.logf(flipped > 0 ? Logger.Level.INFO : Logger.Level.DEBUG, "time sweep: %d workspaces, %d memberships flipped in %d ms",
                workspaces.size(), flipped, TimeUnit.NANOSECONDS.toMillis(took));
        return flipped;
    }

    /** One workspace: its clock-reading segments reconciled with their SQL form over all its profiles, in one transaction. */
    public int sweep(String workspaceId) {
        List<String> ids = segments.workspace(workspaceId).readingTheClock().stream().map(Segment::id).toList();
        return ids.isEmpty() ? 0 : reconciler.reconcile(workspaceId, ids, SegmentReconciler.TIME_PASSED);
    }
}
