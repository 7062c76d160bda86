package crm.segment.condition;

import java.util.List;
import java.util.Map;

/** {@code country in ("FR", "BE")}: equal to one of the values. */
public record InList(String trait, List<Literal> values) implements Condition {

    public InList {
        trait = TraitCatalogue.canonical(trait);
        values = List.copyOf(values);
        TypeRules.list(trait, values);
    }

    @Override
    public boolean matches(Map<String, Object> facts, Evaluation evaluation) {
        Object value = TraitValues.of(trait, facts, evaluation);
        return TraitValues.equalsAny(value, values.stream().map(v -> v.resolve(evaluation)).toList());
    }
}
