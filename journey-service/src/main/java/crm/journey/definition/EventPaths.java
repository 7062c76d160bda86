package crm.journey.definition;

import crm.events.CustomerEvent;

import java.util.Map;
import java.util.Optional;

/**
 * Paths into a customer event, as journeys name them: {@code properties.<a>.<b>}, {@code traits.<a>},
 * {@code context.<a>}, or {@code name}. Values are compared as text.
 */
public final class EventPaths {
    private EventPaths() {
    }

    public static boolean isValid(String path) {
        if (path == null || path.isBlank()) return false;
        if (path.equals("name")) return true;
        String[] parts = path.split("\\.", -1);
        if (parts.length < 2) return false;
        if (!parts[0].equals("properties") && !parts[0].equals("traits") && !parts[0].equals("context")) return false;
        for (String p : parts) if (p.isBlank()) return false;
        return true;
    }

    /** The value at the path as text, empty when the event has none there. */
    public static Optional<String> text(CustomerEvent event, String path) {
        if (!isValid(path)) return Optional.empty();
        if (path.equals("name")) return Optional.ofNullable(event.name());
        String[] parts = path.split("\\.");
        Object node = switch (parts[0]) {
            case "properties" -> event.properties();
            case "traits" -> event.traits();
            default -> event.context();
        };
        for (int i = 1; i < parts.length; i++) {
            if (!(node instanceof Map<?, ?> m)) return Optional.empty();
            node = m.get(parts[i]);
        }
        if (node == null || node instanceof Map || node instanceof Iterable) return Optional.empty();
        return Optional.of(text(node));
    }

    /** Numbers without trailing zeros (42.50 reads 42.5, 42.0 reads 42), everything else by toString. */
    public static String text(Object value) {
        if (value instanceof java.math.BigDecimal d) return d.stripTrailingZeros().toPlainString();
        if (value instanceof Double || value instanceof Float) return text(java.math.BigDecimal.valueOf(((Number) value).doubleValue()));
        if (value instanceof Number n) return text(new java.math.BigDecimal(n.toString()));
        return String.valueOf(value);
    }
}
