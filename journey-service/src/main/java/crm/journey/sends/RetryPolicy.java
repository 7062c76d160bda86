package crm.journey.sends;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How failed deliveries are retried: exponential backoff from {@code firstDelay}, capped at {@code maxDelay}, and given
 * up after {@code maxAttempts} attempts.
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= firstDelay <= maxDelay");
        }
    }

    /** When to try again after attempt number {@code attempts} failed at {@code now}; empty when it is time to give up. */
    public Optional<Instant> nextAttempt(int attempts, Instant now) {
        if (attempts >= maxAttempts) return Optional.empty();
        return Optional.of(now.plus(delayAfter(attempts)));
    }

    /** firstDelay x 2^(attempts - 1), capped, and safe from overflow for any attempt count. */
    Duration delayAfter(int attempts) {
        int doublings = Math.max(0, attempts - 1);
        Duration delay = firstDelay;
        for (int i = 0; i < doublings && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
