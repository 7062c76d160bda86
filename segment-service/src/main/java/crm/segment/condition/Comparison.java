package crm.segment.condition;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;

/**
 * {@code trait operator literal}. Numbers compare as {@link BigDecimal} (so 1 = 1.0), strings lexicographically (so
 * ISO dates order correctly), booleans only for (in)equality. A missing trait, or one of another type than the
 * literal, makes the comparison false whatever the operator: "unknown" is never "different".
 */
public record Comparison(String trait, Operator operator, Literal literal) implements Condition {

    public Comparison {
        Traits.requireName(trait);
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(literal, "literal");
        if (literal instanceof Literal.Bool && !operator.isEquality()) {
            throw new IllegalArgumentException("operator " + operator.symbol() + " does not apply to a boolean");
        }
    }

    @Override
    public boolean matches(Map<String, ?> traits) {
        Object value = traits.get(trait);
        if (value == null) return false;
        if (literal instanceof Literal.Number n) {
            BigDecimal number = asDecimal(value);
            return number != null && operator.holds(number.compareTo(n.value()));
        }
        if (literal instanceof Literal.Text t) {
            return value instanceof String s && operator.holds(s.compareTo(t.value()));
        }
        Literal.Bool b = (Literal.Bool) literal;
        return value instanceof Boolean v && operator.holds(v == b.value() ? 0 : 1);
    }

    private static BigDecimal asDecimal(Object value) {
        if (value instanceof BigDecimal d) return d;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return new BigDecimal(value.toString());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? new BigDecimal(value.toString()) : null;
        }
        return null;
    }
}
