package crm.profile.traits;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What an order is worth, from the properties of an "Order Completed" event (Segment e-commerce v2): {@code total},
 * else {@code revenue}, else the sum of {@code products[].price * quantity}. Always exact decimals.
 */
public final class OrderAmount {
    private OrderAmount() {
    }

    public static Optional<BigDecimal> of(Map<String, Object> properties) {
        Optional<BigDecimal> total = decimal(properties.get("total"));
        if (total.isPresent()) return total;
        Optional<BigDecimal> revenue = decimal(properties.get("revenue"));
        if (revenue.isPresent()) return revenue;
        return productsSum(properties.get("products"));
    }

    private static Optional<BigDecimal> productsSum(Object products) {
        if (!(products instanceof Collection<?> items) || items.isEmpty()) return Optional.empty();
        BigDecimal sum = BigDecimal.ZERO;
        boolean any = false;
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> product)) continue;
            Optional<BigDecimal> price = decimal(product.get("price"));
            if (price.isEmpty()) continue;
            // Segment's spec: quantity defaults to one item.
            BigDecimal quantity = decimal(product.get("quantity")).orElse(BigDecimal.ONE);
            sum = sum.add(price.get().multiply(quantity));
            any = true;
        }
        return any ? Optional.of(sum) : Optional.empty();
    }

    /** Numbers and numeric strings ("12.50") count; anything else is absent. */
    public static Optional<BigDecimal> decimal(Object value) {
        if (value instanceof BigDecimal d) return Optional.of(d);
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Optional.of(BigDecimal.valueOf(((Number) value).longValue()));
        }
        if (value instanceof java.math.BigInteger i) return Optional.of(new BigDecimal(i));
        // Double and Float via their shortest decimal text, so 0.1 stays 0.1 and not its binary approximation.
        if (value instanceof Double d && Double.isFinite(d)) return Optional.of(new BigDecimal(d.toString()));
        if (value instanceof Float f && Float.isFinite(f)) return Optional.of(new BigDecimal(f.toString()));
        if (value instanceof String s && !s.isBlank()) {
            try {
                return Optional.of(new BigDecimal(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
