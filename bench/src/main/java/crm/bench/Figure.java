package crm.bench;

/**
 * One measured figure beside the raw ceiling measured in the same run, so the ratio survives a noisy machine.
 *
 * @param name        what was measured, e.g. "ingest /v1/batch (100 events of 500 B)"
 * @param value       the figure
 * @param unit        its unit, e.g. "events/s"
 * @param ceilingName the ceiling it is compared with, e.g. "Kafka ProducerPerformance, 500 B, acks=all"; null when the
 *                    figure stands alone (latency, RSS)
 * @param ceiling     the ceiling's figure in the same unit, NaN when there is none
 * @param target      the target as written in the issue, e.g. ">= 0.3 x ceiling" or "p99 < 250 ms"
 * @param met         whether the target was met
 */
public record Figure(String name, double value, String unit, String ceilingName, double ceiling, String target, boolean met) {

    public double ratio() {
        return Double.isNaN(ceiling) || ceiling == 0 ? Double.NaN : value / ceiling;
    }

    /** A figure compared with a ceiling; the target is met when value / ceiling is at least {@code minRatio}. */
    public static Figure atLeast(String name, double value, String unit, String ceilingName, double ceiling, double minRatio) {
        return new Figure(name, value, unit, ceilingName, ceiling, ">= " + minRatio + " x ceiling", value / ceiling >= minRatio);
    }

    /** A time compared with a ceiling time; the target is met when value / ceiling is at most {@code maxRatio}. */
    public static Figure atMost(String name, double value, String unit, String ceilingName, double ceiling, double maxRatio) {
        return new Figure(name, value, unit, ceilingName, ceiling, "<= " + maxRatio + " x ceiling", value / ceiling <= maxRatio);
    }

    /** A figure shown for information only: no ceiling and no target (the table leaves both empty). */
    public static Figure info(String name, double value, String unit) {
        return new Figure(name, value, unit, null, Double.NaN, "", true);
    }

    /** A figure without a ceiling (latency, memory, start-up time). */
    public static Figure alone(String name, double value, String unit, String target, boolean met) {
        return new Figure(name, value, unit, null, Double.NaN, target, met);
    }
}
