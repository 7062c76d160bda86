package crm.segment.condition;

import java.math.BigDecimal;

/** One canonical form per number (no trailing zeros, no exponent below units), so 1.50 and 1.5 are the same AST. */
public final class Decimals {
    private Decimals() {
    }

    public static BigDecimal canonical(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
