package crm.segment.backfill;

import crm.segment.outbox.OutboxPublisher;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Runs the backfills of new and edited segments in the background, so the API answers at once whatever the size of
 * the workspace. Every {@code crm.segment.backfill.every} the oldest due job (pending, or running with an expired
 * lease: its worker died) is claimed and run chunk by chunk ({@link BackfillChunks}); its entries and exits are
 * published through the outbox after each chunk. A failing chunk is recorded on the job and retried after the lease.
 */
@ApplicationScoped
public class Backfills {
    private static final Logger LOG = Logger.getLogger(Backfills.class);

    @Inject
    BackfillRepository jobs;
    @Inject
    BackfillChunks chunks;
    @Inject
    OutboxPublisher publisher;
    @Inject
    InstantSource clock;
    @ConfigProperty(name = "crm.segment.backfill.lease")
    Duration lease;

    @Scheduled(identity = "segment-backfills", every = "${crm.segment.backfill.every}", delayed = "${crm.segment.backfill.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runDue();
        } catch (RuntimeException e) {
            LOG.warnf("backfills not run, next run retries: %s", e.toString());
        }
    }

    /** Runs every due job to its end; returns how many jobs were taken. */
    public int runDue() {
        int taken = 0;
        Optional<BackfillRepository.Claim> claim;
        while ((claim = claim()).isPresent()) {
            run(claim.get());
            taken++;
        }
        return taken;
    }

    private Optional<BackfillRepository.Claim> claim() {
        Instant now = clock.instant();
        return jobs.claimNext(now, now.plus(lease));
    }

    private void run(BackfillRepository.Claim claim) {
        long started = System.nanoTime();
        int changes = 0;
        try {
            BackfillChunks.Step step;
            do {
                step = chunks.next(claim);
                changes += step.changes();
                if (step.changes() > 0) publish(claim);
            } while (step.more());
            LOG.infof("backfill of segment %s (workspace %s) finished: %d entries and exits in %d ms", claim.segmentId(),
                    claim.workspaceId(), changes, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf("backfill of segment %s failed, retried after %s: %s", claim.segmentId(), lease, e.toString());
            try {
                jobs.failed(claim, e.toString(), clock.instant().plus(lease));
            } catch (RuntimeException again) {
                LOG.warnf("could not record the failure of backfill %s (its lease expires anyway): %s", claim.segmentId(), again.toString());
            }
        }
    }

    private void publish(BackfillRepository.Claim claim) {
        try {
            int published;
            do {
                published = publisher.publishPending();
            } while (published == publisher.batchSize());
        } catch (RuntimeException e) {
            LOG.warnf("backfill changes of segment %s left for the relay: %s", claim.segmentId(), e.toString());
        }
    }
}
