package crm.journey.sends;

import crm.journey.runtime.SendSettings;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DueSendsTest {
    private final DueSends due = new DueSends();

    DueSendsTest() {
        due.settings = (SendSettings) Proxy.newProxyInstance(SendSettings.class.getClassLoader(), new Class<?>[]{SendSettings.class},
                (proxy, method, args) -> method.getName().equals("concurrency") ? 2 : null);
    }

    @Test
    void a_send_put_off_for_a_moment_wakes_a_worker_when_its_moment_comes() throws InterruptedException {
        due.signalAfter(Duration.ofMillis(50));
        // Well within the hour-long poll: only the delayed signal can end this wait with true.
        assertThat(due.await(Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void signals_given_while_every_worker_is_busy_are_kept_up_to_one_per_worker() throws InterruptedException {
        for (int i = 0; i < 5; i++) due.signal();
        assertThat(due.await(Duration.ZERO)).isTrue();
        assertThat(due.await(Duration.ZERO)).isTrue();
        assertThat(due.await(Duration.ofMillis(10))).isFalse();
    }

    @Test
    void a_closed_signal_releases_its_waiters_and_schedules_nothing() throws InterruptedException {
        due.close();
        due.signalAfter(Duration.ZERO);
        assertThat(due.await(Duration.ofMinutes(1))).isFalse();
    }
}
