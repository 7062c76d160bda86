package crm.segment.condition;

import java.util.List;
import java.util.Map;

/** At least one operand holds. Nested disjunctions are flattened like {@link And}'s. */
public record Or(List<Condition> operands) implements Condition {

    public Or {
        operands = Operands.flatten(operands, Or.class, Or::operands);
    }

    public static Or of(Condition... operands) {
        return new Or(List.of(operands));
    }

    @Override
    public boolean matches(Map<String, Object> facts, Evaluation evaluation) {
        return operands.stream().anyMatch(c -> c.matches(facts, evaluation));
    }
}
