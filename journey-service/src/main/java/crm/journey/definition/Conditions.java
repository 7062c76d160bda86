package crm.journey.definition;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Evaluates a condition step on a profile. Pure. */
public final class Conditions {
    private Conditions() {
    }

    /**
     * @param traits   the profile's traits (a dotted trait name reads into nested objects)
     * @param segments the ids of the segments the profile is a member of
     */
    public static boolean holds(Step.Condition condition, Map<String, Object> traits, Set<String> segments) {
        if (condition.segment() != null) return segments.contains(condition.segment());
        Object actual = trait(traits, condition.trait());
        Step.Condition.Op op = condition.op();
        if (op == Step.Condition.Op.exists) return actual != null;
        if (op == Step.Condition.Op.not_exists) return actual == null;
        if (actual == null) return op == Step.Condition.Op.neq;
        if (op == Step.Condition.Op.eq) return EventPaths.text(actual).equals(EventPaths.text(condition.value()));
        if (op == Step.Condition.Op.neq) return !EventPaths.text(actual).equals(EventPaths.text(condition.value()));
        Integer cmp = compare(actual, condition.value());
        if (cmp == null) return false;
        return switch (op) {
            case gt -> cmp > 0;
            case gte -> cmp >= 0;
            case lt -> cmp < 0;
            case lte -> cmp <= 0;
            default -> false;
        };
    }

    public static Object trait(Map<String, Object> traits, String name) {
        if (traits == null || name == null) return null;
        if (traits.containsKey(name)) return traits.get(name);
        Object node = traits;
        for (String part : name.split("\\.")) {
            if (!(node instanceof Map<?, ?> m)) return null;
            node = m.get(part);
        }
        return node;
    }

    /** Numbers compare as numbers, dates as instants; anything else does not compare (null). */
    static Integer compare(Object actual, Object expected) {
        Optional<BigDecimal> a = number(actual);
        Optional<BigDecimal> e = number(expected);
        if (a.isPresent() && e.isPresent()) return a.get().compareTo(e.get());
        Optional<Instant> ai = actual instanceof String s ? instant(s) : Optional.empty();
        Optional<Instant> ei = expected instanceof String s ? instant(s) : Optional.empty();
        if (ai.isPresent() && ei.isPresent()) return ai.get().compareTo(ei.get());
        return null;
    }

    private static Optional<BigDecimal> number(Object v) {
        if (v instanceof Number n) return Optional.of(new BigDecimal(n.toString()));
        if (v instanceof String s) {
            try {
                return Optional.of(new BigDecimal(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** An ISO-8601 instant, offset date-time or date (read as midnight UTC) in a trait. */
    public static Optional<Instant> instant(String text) {
        if (text == null) return Optional.empty();
        String t = text.trim();
        try {
            return Optional.of(Instant.parse(t));
        } catch (DateTimeParseException ignored) {
            // not an instant
        }
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException ignored) {
            // not an offset date-time
        }
        try {
            return Optional.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException ignored) {
            return Optional.empty();
        }
    }
}
