package crm.segment.condition;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * Units of relative times ({@code now - 15d}) and windows ({@code within 2h}). Months and years are calendar ones,
 * counted in UTC, so "3 months before 31 May" is 28 February (or 29).
 */
public enum SpanUnit {
    MINUTES("min", "minutes"), HOURS("h", "hours"), DAYS("d", "days"), WEEKS("w", "weeks"),
    MONTHS(null, "months"), YEARS("y", "years");

    private final String suffix;
    private final String word;

    SpanUnit(String suffix, String word) {
        this.suffix = suffix;
        this.word = word;
    }

    /** The canonical text of {@code amount} of this unit: {@code 15d}, {@code 2h}, {@code 3 months}, {@code 1 month}. */
    public String print(long amount) {
        if (suffix != null) return amount + suffix;
        return amount + " " + (Math.abs(amount) == 1 ? "month" : "months");
    }

    /** The JSON name of the unit. */
    public String jsonName() {
        return word;
    }

    /** {@code now} moved by {@code amount} units (negative: into the past). */
    public Instant shift(Instant now, long amount) {
        return switch (this) {
            case MINUTES -> now.plus(Duration.ofMinutes(amount));
            case HOURS -> now.plus(Duration.ofHours(amount));
            case DAYS -> now.plus(Duration.ofDays(amount));
            case WEEKS -> now.plus(Duration.ofDays(7 * amount));
            case MONTHS -> ZonedDateTime.ofInstant(now, ZoneOffset.UTC).plusMonths(amount).toInstant();
            case YEARS -> ZonedDateTime.ofInstant(now, ZoneOffset.UTC).plusYears(amount).toInstant();
        };
    }

    /** Reads a unit as written after a number (case-insensitive); empty when it is not one. */
    public static Optional<SpanUnit> of(String text) {
        return Optional.ofNullable(switch (text.toLowerCase(Locale.ROOT)) {
            case "min", "mins", "minute", "minutes" -> MINUTES;
            case "h", "hour", "hours" -> HOURS;
            case "d", "day", "days" -> DAYS;
            case "w", "week", "weeks" -> WEEKS;
            case "month", "months" -> MONTHS;
            case "y", "year", "years" -> YEARS;
            default -> null;
        });
    }

    public static final String UNITS_HELP = "min, h, d, w, months or y (also minutes, hours, days, weeks, years)";
}
