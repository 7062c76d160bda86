package crm.segment.condition;

import java.util.Map;
import java.util.Objects;

/** The operand does not hold; the one place where a missing trait can make a condition true. */
public record Not(Condition operand) implements Condition {

    public Not {
        Objects.requireNonNull(operand, "operand");
    }

    @Override
    public boolean matches(Map<String, Object> facts, Evaluation evaluation) {
        return !operand.matches(facts, evaluation);
    }
}
