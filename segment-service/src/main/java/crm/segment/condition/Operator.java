package crm.segment.condition;

import java.util.Arrays;
import java.util.Optional;

/** Comparison operators, with their text form. */
public enum Operator {
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Only = and != apply to booleans; every operator applies to numbers and strings. */
    public boolean isEquality() {
        return this == EQ || this == NE;
    }

    /** The outcome of a comparison whose operands compared to {@code order} (negative, zero, positive). */
    public boolean holds(int order) {
        return switch (this) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
        };
    }

    public static Optional<Operator> ofSymbol(String symbol) {
        return Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst();
    }
}
