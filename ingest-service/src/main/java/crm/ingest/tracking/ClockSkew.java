package crm.ingest.tracking;

import java.time.Duration;
import java.time.Instant;

/**
 * When an event really happened, corrected for a client whose clock is wrong, as Segment does: the client's own
 * clock stamps both {@code timestamp} (when it happened) and {@code sentAt} (when it was sent), so their difference
 * is trustworthy even when the clock is not, and is subtracted from our {@code receivedAt}.
 */
public final class ClockSkew {
    private ClockSkew() {
    }

    public static Instant eventTime(Instant receivedAt, Instant sentAt, Instant timestamp) {
        if (timestamp == null) return receivedAt;
        if (sentAt == null) return timestamp;
        return receivedAt.minus(Duration.between(timestamp, sentAt));
    }
}
