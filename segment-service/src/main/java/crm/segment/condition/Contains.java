package crm.segment.condition;

import java.util.Map;
import java.util.Objects;

/** {@code email contains "@gmail."}: the text holds the fragment (case-sensitive). */
public record Contains(String trait, String fragment) implements Condition {

    public Contains {
        trait = TraitCatalogue.canonical(trait);
        Objects.requireNonNull(fragment, "fragment");
        TypeRules.text(trait, "contains");
    }

    @Override
    public boolean matches(Map<String, Object> facts, Evaluation evaluation) {
        return TraitValues.of(trait, facts, evaluation) instanceof String s && s.contains(fragment);
    }
}
