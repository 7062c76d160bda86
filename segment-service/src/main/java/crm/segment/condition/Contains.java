package crm.segment.condition;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * {@code email contains "@gmail."}: the text holds the fragment (case-sensitive). On a list ({@code tags contains "VIP"}):
 * the list has that element, compared folded ({@link TraitCatalogue#tagKey}) as the list is kept in facts.
 */
public record Contains(String trait, String fragment) implements Condition {

    public Contains {
        trait = TraitCatalogue.canonical(trait);
        Objects.requireNonNull(fragment, "fragment");
        TypeRules.contains(trait, fragment);
    }

    /** Whether this tests a list for an element rather than text for a fragment. */
    public boolean element() {
        return TraitCatalogue.typeOf(trait).orElseThrow() == TraitType.LIST;
    }

    @Override
    public boolean matches(Map<String, Object> facts, Evaluation evaluation) {
        Object value = TraitValues.of(trait, facts, evaluation);
        if (element()) return value instanceof Collection<?> list && list.contains(TraitCatalogue.tagKey(fragment));
        return value instanceof String s && s.contains(fragment);
    }
}
