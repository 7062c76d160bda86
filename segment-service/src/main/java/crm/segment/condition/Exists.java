package crm.segment.condition;

import java.util.Map;

/** {@code trait exists}: the profile has a value of the trait's type (for an RFM score: it is scored). */
public record Exists(String trait) implements Condition {

    public Exists {
        trait = TraitCatalogue.canonical(trait);
        TraitCatalogue.require(trait);
    }

    @Override
    public boolean matches(Map<String, Object> facts, Evaluation evaluation) {
        return TraitValues.of(trait, facts, evaluation) != null;
    }
}
