package crm.journey;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in tests: the system clock plus an offset a test moves forward ({@link #advance}) and puts back
 * ({@link #reset}) when done, so other tests see real time. Replaces crm.journey.runtime.Clock's bean.
 */
public class TestClock {
    private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    InstantSource instantSource() {
        return () -> Instant.now().plus(OFFSET.get());
    }

    public static Instant now() {
        return Instant.now().plus(OFFSET.get());
    }

    public static void advance(Duration by) {
        OFFSET.updateAndGet(o -> o.plus(by));
    }

    public static void reset() {
        OFFSET.set(Duration.ZERO);
    }
}
