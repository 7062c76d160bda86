package crm.segment.condition;

import java.util.List;
import java.util.Map;

/** All operands hold. Nested conjunctions are flattened, so {@code (a and b) and c} is the same AST as {@code a and b and c}. */
public record And(List<Condition> operands) implements Condition {

    public And {
        operands = Operands.flatten(operands, And.class, And::operands);
    }

    public static And of(Condition... operands) {
        return new And(List.of(operands));
    }

    @Override
    public boolean matches(Map<String, Object> facts, Evaluation evaluation) {
        return operands.stream().allMatch(c -> c.matches(facts, evaluation));
    }
}
