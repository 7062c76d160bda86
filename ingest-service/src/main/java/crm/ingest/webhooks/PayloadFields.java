package crm.ingest.webhooks;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Lenient reads of a provider's JSON (parsed to maps, lists, strings, numbers, booleans): a field of an unexpected
 * type reads as absent, never as an error, because a store's payload must never be refused for an odd field.
 */
public final class PayloadFields {
    private PayloadFields() {
    }

    /** A string, or a whole number as text (Shopify ids exceed 2^53 and stay exact); blank is absent. */
    public static String text(Map<String, Object> m, String key) {
        return m == null ? null : text(m.get(key));
    }

    public static String text(Object v) {
        if (v instanceof String s) return s.isBlank() ? null : s.strip();
        if (v instanceof Integer || v instanceof Long || v instanceof BigInteger || v instanceof Short) return v.toString();
        if (v instanceof BigDecimal d) return d.stripTrailingZeros().toPlainString();
        return null;
    }

    /** An amount: a JSON number or a numeric string ("404.95"), exact. */
    public static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal d) return d;
        if (v instanceof Integer || v instanceof Long || v instanceof Short) return BigDecimal.valueOf(((Number) v).longValue());
        if (v instanceof BigInteger i) return new BigDecimal(i);
        if (v instanceof Number n) return new BigDecimal(n.toString());
        if (v instanceof String s && !s.isBlank()) {
            try {
                return new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    public static BigDecimal decimal(Map<String, Object> m, String key) {
        return m == null ? null : decimal(m.get(key));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> m, String key) {
        return m != null && m.get(key) instanceof Map<?, ?> o ? (Map<String, Object>) o : null;
    }

    /** The objects of a list field; other elements are skipped. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> objects(Map<String, Object> m, String key) {
        if (m == null || !(m.get(key) instanceof Collection<?> c)) return List.of();
        return c.stream().filter(Map.class::isInstance).map(o -> (Map<String, Object>) o).toList();
    }

    /** The texts of a list field (ids as text). */
    public static List<String> texts(Map<String, Object> m, String key) {
        if (m == null || !(m.get(key) instanceof Collection<?> c)) return List.of();
        return c.stream().map(PayloadFields::text).filter(java.util.Objects::nonNull).toList();
    }

    public static Boolean bool(Map<String, Object> m, String key) {
        return m != null && m.get(key) instanceof Boolean b ? b : null;
    }

    /** A date-time: ISO-8601 with an offset, or without one meaning UTC (WooCommerce's *_gmt fields), or epoch seconds. */
    public static Instant instant(Object v) {
        if (v instanceof Integer || v instanceof Long) return Instant.ofEpochSecond(((Number) v).longValue());
        if (!(v instanceof String s) || s.isBlank()) return null;
        try {
            return OffsetDateTime.parse(s.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s.strip()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    public static Instant instant(Map<String, Object> m, String key) {
        return m == null ? null : instant(m.get(key));
    }

    /** The first non-null of the candidates. */
    @SafeVarargs
    public static <T> T first(T... candidates) {
        for (T c : candidates) {
            if (c != null) return c;
        }
        return null;
    }

    /** Puts the value unless it is null, so absent fields stay absent in the canonical event. */
    public static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) m.put(key, value);
    }
}
