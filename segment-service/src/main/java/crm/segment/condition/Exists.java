package crm.segment.condition;

import java.util.Map;

/** {@code trait exists}: the profile has a non-null value for the trait. */
public record Exists(String trait) implements Condition {

    public Exists {
        Traits.requireName(trait);
    }

    @Override
    public boolean matches(Map<String, ?> traits) {
        return traits.get(trait) != null;
    }
}
