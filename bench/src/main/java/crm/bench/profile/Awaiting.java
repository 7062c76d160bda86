package crm.bench.profile;

import java.time.Duration;
import java.time.Instant;

/** Polls a condition until it holds or a deadline passes: how every part-B benchmark sees asynchronous work finish. */
public final class Awaiting {
    private Awaiting() {
    }

    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

    /** @return the instant the condition was first seen to hold */
    public static Instant until(String what, Duration timeout, Duration every, Check check) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (check.holds()) return Instant.now();
            if (Instant.now().isAfter(deadline)) throw new IllegalStateException("not done within " + timeout + ": " + what);
            Thread.sleep(every.toMillis());
        }
    }

    public static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
