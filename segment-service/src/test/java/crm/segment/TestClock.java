package crm.segment;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in tests: the system clock moved by an offset that a test sets, so time passes without
 * sleeping. Shared by every @QuarkusTest of the JVM: a test that moves it puts it back ({@link #reset}).
 */
public final class TestClock implements InstantSource {
    private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        return Instant.now().plus(OFFSET.get());
    }

    public static Instant now() {
        return Instant.now().plus(OFFSET.get());
    }

    public static void advance(Duration by) {
        OFFSET.updateAndGet(d -> d.plus(by));
    }

    public static void reset() {
        OFFSET.set(Duration.ZERO);
    }

    /** Replaces the system clock bean of the application under test. */
    public static class Producer {
        @Produces
        @Singleton
        @Alternative
        @Priority(1)
        InstantSource clock() {
            return new TestClock();
        }
    }
}
