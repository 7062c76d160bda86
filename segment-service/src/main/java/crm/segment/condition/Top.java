package crm.segment.condition;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/** {@code engagement_score in top 10%}: see {@link Population.Top} for the exact rule. */
public record Top(String trait, BigDecimal percent) implements Condition {

    public Top {
        trait = TraitCatalogue.canonical(trait);
        percent = Decimals.canonical(Objects.requireNonNull(percent, "percent"));
        if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("the top percentage must be above 0 and at most 100");
        }
        TypeRules.averageable(trait);
    }

    @Override
    public boolean matches(Map<String, Object> facts, Evaluation evaluation) {
        Population.Top top = evaluation.population().top(trait, percent);
        BigDecimal value = TraitValues.number(trait, facts, evaluation);
        return top != null && value != null && value.compareTo(top.threshold()) > 0;
    }
}
