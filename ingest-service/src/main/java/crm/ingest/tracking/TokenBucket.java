package crm.ingest.tracking;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: {@code capacity} tokens, refilled at {@code perSecond}; each event takes one. A request bigger than
 * the whole bucket (a 2,500-event batch against a burst of 2,000) is let through when the bucket is full and leaves
 * it in debt, so the average rate still holds and no valid batch is refused forever. Not thread-safe: callers lock.
 */
public final class TokenBucket {
    private final double capacity;
    private final double perSecond;
    private double tokens;
    private Instant refilledAt;

    public TokenBucket(double capacity, double perSecond, Instant now) {
        if (capacity < 1 || perSecond <= 0) throw new IllegalArgumentException("capacity >= 1 and rate > 0 required");
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.tokens = capacity;
        this.refilledAt = now;
    }

    /** The outcome of asking for tokens. */
    public sealed interface Decision permits Allowed, Limited {
    }

    public record Allowed() implements Decision {
    }

    /** @param retryAfter how long until the same request would be allowed */
    public record Limited(Duration retryAfter) implements Decision {
    }

    public Decision take(int cost, Instant now) {
        refill(now);
        double needed = Math.min(cost, capacity);
        if (tokens >= needed) {
            tokens -= cost;
            return new Allowed();
        }
        double seconds = (needed - tokens) / perSecond;
        return new Limited(Duration.ofNanos((long) Math.ceil(seconds * 1_000_000_000d)));
    }

    /** Whether the bucket is full at {@code now}: forgetting it changes nothing. */
    public boolean isFull(Instant now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(Instant now) {
        if (now.isAfter(refilledAt)) {
            double elapsed = Duration.between(refilledAt, now).toNanos() / 1_000_000_000d;
            tokens = Math.min(capacity, tokens + elapsed * perSecond);
            refilledAt = now;
        }
    }
}
