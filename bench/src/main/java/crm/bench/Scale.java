package crm.bench;

import java.time.Duration;

/**
 * How long and how much each benchmark runs: its defaults times {@code -Dbench.scale} (default 1; e.g. 0.2 while
 * iterating). Smaller runs are noisier, never faster per event.
 */
public final class Scale {

    private Scale() {
    }

    public static double factor() {
        String v = System.getProperty("bench.scale", "");
        return v.isBlank() ? 1.0 : Double.parseDouble(v.trim());
    }

    /** {@code base} seconds scaled, at least one second. */
    public static Duration seconds(double base) {
        return Duration.ofMillis(Math.max(1000, Math.round(base * factor() * 1000)));
    }

    /** {@code base} scaled, at least {@code min}. */
    public static long count(long base, long min) {
        return Math.max(min, Math.round(base * factor()));
    }

    /** An integer system property (for knobs such as the latency rate), or its default. */
    public static int intProperty(String name, int fallback) {
        String v = System.getProperty(name, "");
        return v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }
}
