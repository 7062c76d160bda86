package crm.segment.backfill;

import java.time.Instant;

/**
 * The background backfill of a new or edited segment, as the API shows it.
 *
 * @param status      pending (waiting for a worker), running, or done
 * @param profiles    profiles evaluated so far
 * @param changes     entries and exits written so far (published through the outbox)
 * @param lastError   why the last attempt failed (it is retried), null when it did not
 */
public record Backfill(String status, Instant requestedAt, Instant startedAt, Instant finishedAt, long profiles, long changes,
                       String lastError) {
    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
}
