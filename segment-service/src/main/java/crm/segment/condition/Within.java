package crm.segment.condition;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/** {@code lost_checkout_date within 2h}: the date lies in the last {@code amount} units, up to now (inclusive). */
public record Within(String trait, long amount, SpanUnit unit) implements Condition {

    public Within {
        trait = TraitCatalogue.canonical(trait);
        Objects.requireNonNull(unit, "unit");
        if (amount < 1) throw new IllegalArgumentException("'within' needs a positive amount of time");
        TypeRules.time(trait, "within");
    }

    public BigDecimal from(Evaluation evaluation) {
        return BigDecimal.valueOf(unit.shift(evaluation.now(), -amount).toEpochMilli());
    }

    public BigDecimal to(Evaluation evaluation) {
        return BigDecimal.valueOf(evaluation.now().toEpochMilli());
    }

    @Override
    public boolean matches(Map<String, Object> facts, Evaluation evaluation) {
        BigDecimal value = TraitValues.number(trait, facts, evaluation);
        return value != null && value.compareTo(from(evaluation)) >= 0 && value.compareTo(to(evaluation)) <= 0;
    }
}
