package crm.ingest;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The service's clock in tests: the system clock plus an offset a test can move (and must reset), so tests move time
 * instead of sleeping. Replaces {@link SystemTime}'s bean for every @QuarkusTest of the module.
 */
@Alternative
@Priority(1)
@Singleton
public class MovableClock implements InstantSource {
    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }
}
