package crm.segment.condition;

import java.util.Map;
import java.util.Objects;

/**
 * {@code trait operator value}. Numbers compare as exact decimals (1 = 1.0), text by code point, dates in time order,
 * booleans only for (in)equality. A missing value, or one of another kind, fails whatever the operator: "unknown" is
 * never "different".
 */
public record Comparison(String trait, Operator operator, Literal literal) implements Condition {

    public Comparison {
        trait = TraitCatalogue.canonical(trait);
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(literal, "literal");
        TypeRules.comparison(trait, operator, literal);
    }

    @Override
    public boolean matches(Map<String, Object> facts, Evaluation evaluation) {
        return TraitValues.compare(TraitValues.of(trait, facts, evaluation), operator, literal.resolve(evaluation));
    }
}
