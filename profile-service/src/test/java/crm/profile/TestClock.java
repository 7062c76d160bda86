package crm.profile;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * "Now" for every @QuarkusTest of the module: the system clock shifted by an offset a test moves, so time passes
 * without waiting. A test that moves it puts it back when it ends ({@link #reset()}); shared by all test classes.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock implements InstantSource {
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
