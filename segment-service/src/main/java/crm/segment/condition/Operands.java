package crm.segment.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The operand list of an n-ary connective: at least two, none null, same-kind children inlined. */
final class Operands {
    private Operands() {
    }

    static <T extends Condition> List<Condition> flatten(List<Condition> operands, Class<T> kind,
                                                         Function<T, List<Condition>> children) {
        if (operands == null || operands.size() < 2) {
            throw new IllegalArgumentException(kind.getSimpleName().toLowerCase() + " needs at least two operands");
        }
        List<Condition> flat = new ArrayList<>();
        for (Condition c : operands) {
            if (c == null) throw new IllegalArgumentException("null operand");
            if (kind.isInstance(c)) flat.addAll(children.apply(kind.cast(c)));
            else flat.add(c);
        }
        return List.copyOf(flat);
    }
}
