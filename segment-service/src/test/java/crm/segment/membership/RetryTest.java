package crm.segment.membership;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryTest {
    private final List<Duration> pauses = new ArrayList<>();
    private final List<RuntimeException> retried = new ArrayList<>();
    private final Retry retry = new Retry(e -> e instanceof TransientProblem, Duration.ofMillis(500), pauses::add, retried::add);

    static class TransientProblem extends RuntimeException {
    }

    @Test
    void transient_failures_are_retried_with_doubling_capped_pauses_until_success() {
        AtomicInteger calls = new AtomicInteger();

        String result = retry.run(() -> {
            if (calls.incrementAndGet() <= 4) throw new TransientProblem();
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(5);
        assertThat(retried).hasSize(4);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(500));
    }

    @Test
    void a_permanent_failure_is_thrown_at_once() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry.run(() -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("bad");
        })).hasMessage("bad");

        assertThat(calls).hasValue(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void success_needs_no_pause() {
        assertThat(retry.run(() -> 42)).isEqualTo(42);
        assertThat(pauses).isEmpty();
    }
}
