package crm.segment.membership;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs a unit of work until it succeeds or fails permanently, pausing with doubling backoff between transient
 * failures. Blocking on purpose: a consumer that cannot write must hold its partition, not skip ahead.
 */
public final class Retry {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);

    private final Predicate<Throwable> isTransient;
    private final Duration maxPause;
    private final Consumer<Duration> pause;
    private final Consumer<RuntimeException> onRetry;

    public Retry(Predicate<Throwable> isTransient, Duration maxPause, Consumer<Duration> pause, Consumer<RuntimeException> onRetry) {
        this.isTransient = isTransient;
        this.maxPause = maxPause;
        this.pause = pause;
        this.onRetry = onRetry;
    }

    /** Sleeps the calling thread; interruption (shutdown) ends the retries. */
    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    public <T> T run(Supplier<T> work) {
        Duration next = FIRST_PAUSE.compareTo(maxPause) < 0 ? FIRST_PAUSE : maxPause;
        while (true) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (!isTransient.test(e)) throw e;
                onRetry.accept(e);
                pause.accept(next);
                Duration doubled = next.multipliedBy(2);
                next = doubled.compareTo(maxPause) > 0 ? maxPause : doubled;
            }
        }
    }
}
