package crm.segment.condition;

import java.math.BigDecimal;
import java.util.Objects;

/** The right-hand side of a comparison. Sealed so later literal kinds (relative times) extend it explicitly. */
public sealed interface Literal permits Literal.Number, Literal.Text, Literal.Bool {

    record Number(BigDecimal value) implements Literal {
        public Number {
            Objects.requireNonNull(value, "value");
        }
    }

    record Text(String value) implements Literal {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    record Bool(boolean value) implements Literal {
    }

    static Literal of(Object value) {
        if (value instanceof BigDecimal d) return new Number(d);
        if (value instanceof java.lang.Number n) return new Number(new BigDecimal(n.toString()));
        if (value instanceof String s) return new Text(s);
        if (value instanceof Boolean b) return new Bool(b);
        throw new IllegalArgumentException("not a literal: " + value);
    }
}
