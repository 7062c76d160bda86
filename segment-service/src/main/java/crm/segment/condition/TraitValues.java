package crm.segment.condition;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The value a condition sees for a trait: a fact, or an RFM score computed from the population statistics. */
final class TraitValues {
    private TraitValues() {
    }

    static Object of(String trait, Map<String, Object> facts, Evaluation evaluation) {
        if (TraitCatalogue.isScore(trait)) return Rfm.score(trait, facts, evaluation.population());
        var nested = TraitCatalogue.nested(trait);
        if (nested.isPresent()) {
            return facts.get(nested.get().family()) instanceof Map<?, ?> perKey ? perKey.get(nested.get().key()) : null;
        }
        return facts.get(TraitCatalogue.factName(trait));
    }

    static BigDecimal number(String trait, Map<String, Object> facts, Evaluation evaluation) {
        return of(trait, facts, evaluation) instanceof BigDecimal d ? d : null;
    }

    /** Whether {@code value} and the resolved {@code operand} are of one kind and compare as the operator says. */
    static boolean compare(Object value, Operator operator, Object operand) {
        if (value == null || operand == null) return false;
        if (operand instanceof BigDecimal n) return value instanceof BigDecimal d && operator.holds(d.compareTo(n));
        if (operand instanceof String t) return value instanceof String s && operator.holds(Texts.compare(s, t));
        if (operand instanceof Boolean b) return value instanceof Boolean v && operator.holds(v.equals(b) ? 0 : 1);
        return false;
    }

    static boolean equalsAny(Object value, List<Object> operands) {
        return operands.stream().anyMatch(o -> compare(value, Operator.EQ, o));
    }
}
