package crm.bench.profile;

import java.util.Locale;

/**
 * Counts and durations of the part-B benchmarks (profile, segment, journey), so they can be scaled down while
 * iterating. Each is read from a system property, else from the environment variable of the same name in upper case
 * with dots as underscores ({@code bench.sweep.profiles} or {@code BENCH_SWEEP_PROFILES}): the -Pbench run starts a
 * JVM of its own, which inherits the environment but not the properties given to Maven.
 */
public final class Settings {
    private Settings() {
    }

    public static int count(String name, int defaultValue) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) value = System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_'));
        if (value == null || value.isBlank()) return defaultValue;
        int n = Integer.parseInt(value.trim().replace("_", ""));
        if (n <= 0) throw new IllegalArgumentException(name + " must be positive: " + value);
        return n;
    }
}
