package crm.journey.guards;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: at most {@code perSecond} sends per second on average, bursts up to one second's worth. Times are
 * passed in, so it is tested without waiting. Thread-safe.
 */
public final class RateLimit {
    private final double perSecond;
    private double tokens;
    private Instant last;

    public RateLimit(double perSecond) {
        if (perSecond <= 0) throw new IllegalArgumentException("a rate limit must be positive");
        this.perSecond = perSecond;
        this.tokens = Math.max(1, perSecond);
    }

    /** Takes a token; returns empty when it got one, else how long until one is there. */
    public synchronized java.util.Optional<Duration> tryAcquire(Instant now) {
        if (last != null && now.isAfter(last)) {
            double elapsed = Duration.between(last, now).toNanos() / 1e9;
            tokens = Math.min(Math.max(1, perSecond), tokens + elapsed * perSecond);
        }
        if (last == null || now.isAfter(last)) last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return java.util.Optional.empty();
        }
        long nanos = (long) Math.ceil((1 - tokens) / perSecond * 1e9);
        return java.util.Optional.of(Duration.ofNanos(Math.max(nanos, 1_000_000)));
    }
}
