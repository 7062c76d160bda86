package crm.journey.sends;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(30), Duration.ofMinutes(3));
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void the_delay_doubles_with_each_failed_attempt() {
        assertThat(policy.nextAttempt(1, now)).contains(now.plusSeconds(30));
        assertThat(policy.nextAttempt(2, now)).contains(now.plusSeconds(60));
        assertThat(policy.nextAttempt(3, now)).contains(now.plusSeconds(120));
    }

    @Test
    void the_delay_is_capped() {
        assertThat(policy.nextAttempt(4, now)).contains(now.plus(Duration.ofMinutes(3)));
        assertThat(new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(1), Duration.ofHours(1)).delayAfter(10_000))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void it_gives_up_after_the_last_attempt() {
        assertThat(policy.nextAttempt(5, now)).isEmpty();
        assertThat(policy.nextAttempt(6, now)).isEmpty();
        assertThat(new RetryPolicy(1, Duration.ZERO, Duration.ZERO).nextAttempt(1, now)).isEmpty();
    }

    @Test
    void nonsense_settings_are_refused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMinutes(2), Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
