package crm.journey.guards;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** At most {@code max} marketing messages on a channel per profile within any {@code window}. */
public record FrequencyCap(int max, Duration window) {
    public FrequencyCap {
        if (max < 0) throw new IllegalArgumentException("a frequency cap's maximum must not be negative");
        if (window == null || window.isNegative() || window.isZero()) throw new IllegalArgumentException("a frequency cap's window must be positive");
    }

    /** Reads "1/24h,3/7d" (units s, m, h, d); blank or "none" is no cap. */
    public static List<FrequencyCap> parseAll(String spec) {
        List<FrequencyCap> caps = new ArrayList<>();
        if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("none")) return caps;
        for (String part : spec.split(",")) caps.add(parse(part.trim()));
        return List.copyOf(caps);
    }

    public static FrequencyCap parse(String spec) {
        int slash = spec.indexOf('/');
        if (slash < 1) throw new IllegalArgumentException("frequency cap '" + spec + "' is not <max>/<window>, e.g. 1/24h");
        try {
            int max = Integer.parseInt(spec.substring(0, slash).trim());
            String w = spec.substring(slash + 1).trim().toLowerCase(Locale.ROOT);
            long n = Long.parseLong(w.substring(0, w.length() - 1));
            Duration window = switch (w.charAt(w.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException("unit");
            };
            return new FrequencyCap(max, window);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("frequency cap '" + spec + "' is not <max>/<window> with s, m, h or d, e.g. 1/24h", e);
        }
    }

    @Override
    public String toString() {
        return max + " per " + window.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
