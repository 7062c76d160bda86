package crm.journey.runs;

import crm.journey.runtime.Database;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * Fires due run timers (a wait is over, a wait for an event timed out). Each round locks a batch of due runs with
 * {@code FOR UPDATE SKIP LOCKED} and advances them in the same transaction, so any number of replicas share the work,
 * no run advances twice, and a worker stopping mid-round leaves its runs due for the next one. The state is all in
 * PostgreSQL: a run waiting 24 h goes on after any restart.
 */
@ApplicationScoped
public class RunTimers {
    private static final Logger LOG = Logger.getLogger(RunTimers.class);

    @Inject
    Database database;
    @Inject
    RunRepository runs;
    @Inject
    RunProgress progress;
    @Inject
    InstantSource clock;
    @Inject
    RunSettings settings;

    @Scheduled(identity = "run-timers", every = "${crm.journey.runs.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            while (fireDue(settings.batchSize()) == settings.batchSize()) {
                // a full batch: more may be due
            }
        } catch (Database.DatabaseUnavailable e) {
            LOG.warnf("run timers not fired this round: %s", e.getMessage());
        }
    }

    /** One round: fires up to {@code batchSize} due timers; returns how many. Safe to call concurrently. */
    public int fireDue(int batchSize) {
        Instant now = clock.instant();
        return database.inTransaction(c -> {
            List<Run> due = runs.claimDue(c, now, batchSize);
            for (Run run : due) {
                java.sql.Savepoint before = c.setSavepoint();
                try {
                    progress.timerFired(c, run, now);
                } catch (RuntimeException e) {
                    // A run that cannot advance (a defect, not the database) must not hold up the others for ever.
                    c.rollback(before);
                    LOG.errorf(e, "run %s cannot advance; failed", run.id());
                    runs.end(c, run.id(), RunStatus.failed, "cannot advance: " + e.getMessage(), now);
                }
            }
            return due.size();
        });
    }
}
