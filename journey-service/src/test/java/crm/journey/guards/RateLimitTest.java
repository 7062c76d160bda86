package crm.journey.guards;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void two_per_second_lets_two_through_then_says_how_long_to_wait() {
        RateLimit limit = new RateLimit(2);
        assertThat(limit.tryAcquire(T)).isEmpty();
        assertThat(limit.tryAcquire(T)).isEmpty();
        assertThat(limit.tryAcquire(T)).contains(Duration.ofMillis(500));
        assertThat(limit.tryAcquire(T.plusMillis(500))).isEmpty();
        assertThat(limit.tryAcquire(T.plusMillis(500))).isPresent();
    }

    @Test
    void a_slow_rate_waits_seconds_and_idle_time_does_not_store_a_burst() {
        RateLimit limit = new RateLimit(0.5);
        assertThat(limit.tryAcquire(T)).isEmpty();
        assertThat(limit.tryAcquire(T)).contains(Duration.ofSeconds(2));
        assertThat(limit.tryAcquire(T.plusSeconds(3600))).isEmpty();
        assertThat(limit.tryAcquire(T.plusSeconds(3600))).isPresent();
    }
}
