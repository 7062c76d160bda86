package crm.segment.condition;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A profile's traits as conditions see them: catalogued traits converted to their type (numbers as exact decimals,
 * dates as epoch milliseconds, text, booleans), values of the wrong type left out, custom scalars kept as they are,
 * {@code category_interest} as an object of numbers keyed by folded category ({@link TraitCatalogue#categoryKey}; keys
 * that fold together are summed), {@code tags} as a sorted list of distinct folded strings ({@link TraitCatalogue#tagKey}),
 * other nested values and RFM scores left out. The in-memory predicate and the SQL form both read exactly this map (the
 * projection stores it as jsonb), which is what makes them agree.
 */
public final class Facts {
    private Facts() {
    }

    public static Map<String, Object> of(Map<String, ?> traits) {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (traits == null) return facts;
        traits.forEach((name, raw) -> {
            if (name == null || raw == null || TraitCatalogue.isScore(name)) return;
            TraitType type = TraitCatalogue.all().get(name);
            Object value = TraitCatalogue.isFamily(name) ? perKey(raw) : type == null ? scalar(raw) : typed(type, raw);
            if (value != null) facts.put(name, value);
        });
        return facts;
    }

    private static Object typed(TraitType type, Object raw) {
        return switch (type) {
            case NUMBER -> number(raw);
            case TEXT -> raw instanceof String s ? text(s) : null;
            case BOOLEAN -> raw instanceof Boolean b ? b : null;
            case TIME -> raw instanceof String s ? time(s) : null;
            case ANY -> scalar(raw);
            case LIST -> tags(raw);
        };
    }

    /**
     * A list's strings folded by {@link TraitCatalogue#tagKey}, without duplicates, in order; other elements (and
     * strings that are empty once trimmed or hold NUL) left out; null when none is left, so {@code tags exists} means
     * at least one tag.
     */
    private static List<String> tags(Object raw) {
        if (!(raw instanceof Collection<?> list)) return null;
        Set<String> tags = new TreeSet<>();
        for (Object element : list) {
            if (element instanceof String s && s.indexOf('\u0000') < 0) {
                String folded = TraitCatalogue.tagKey(s);
                if (!folded.isEmpty()) tags.add(folded);
            }
        }
        return tags.isEmpty() ? null : List.copyOf(tags);
    }

    /** Numbers per folded key, in key order; entries that are not numbers left out; null when none is left. */
    private static Map<String, BigDecimal> perKey(Object raw) {
        if (!(raw instanceof Map<?, ?> map)) return null;
        Map<String, BigDecimal> values = new TreeMap<>();
        map.forEach((k, v) -> {
            BigDecimal n = number(v);
            if (!(k instanceof String key) || n == null || key.indexOf('\u0000') >= 0) return;
            String folded = TraitCatalogue.categoryKey(key);
            if (!folded.isEmpty()) values.merge(folded, n, (a, b) -> Decimals.canonical(a.add(b)));
        });
        return values.isEmpty() ? null : values;
    }

    private static Object scalar(Object raw) {
        if (raw instanceof String s) return text(s);
        if (raw instanceof Boolean b) return b;
        return number(raw);
    }

    /** PostgreSQL text (and jsonb) cannot hold NUL; such a value is left out rather than failing the profile. */
    private static String text(String s) {
        return s.indexOf('\u0000') >= 0 ? null : s;
    }

    static BigDecimal number(Object raw) {
        if (raw instanceof BigDecimal d) return Decimals.canonical(d);
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte
                || raw instanceof BigInteger) {
            return Decimals.canonical(new BigDecimal(raw.toString()));
        }
        if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            return Double.isFinite(d) ? Decimals.canonical(new BigDecimal(raw.toString())) : null;
        }
        return null;
    }

    /** Epoch milliseconds of an ISO-8601 instant, offset date-time, local date-time (UTC) or date (UTC midnight). */
    public static BigDecimal time(String text) {
        Instant at = instant(text);
        try {
            return at == null ? null : BigDecimal.valueOf(at.toEpochMilli());
        } catch (ArithmeticException e) {
            return null; // beyond what milliseconds since 1970 can count
        }
    }

    public static Instant instant(String text) {
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // other shapes below
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // other shapes below
        }
        try {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
