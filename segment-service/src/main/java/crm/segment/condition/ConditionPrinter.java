package crm.segment.condition;

import java.util.List;

/**
 * Prints a condition in its canonical text form, which parses back to an equal AST: keywords lower case, single
 * spaces, parentheses only where precedence (not, and, or from tightest) needs them, and always after "not".
 */
public final class ConditionPrinter {
    private ConditionPrinter() {
    }

    public static String print(Condition condition) {
        StringBuilder out = new StringBuilder();
        print(condition, out);
        return out.toString();
    }

    private static void print(Condition condition, StringBuilder out) {
        if (condition instanceof Comparison c) {
            out.append(c.trait()).append(' ').append(c.operator().symbol()).append(' ');
            literal(c.literal(), out);
        } else if (condition instanceof Exists e) {
            out.append(e.trait()).append(" exists");
        } else if (condition instanceof Not n) {
            out.append("not (");
            print(n.operand(), out);
            out.append(')');
        } else if (condition instanceof And a) {
            join(a.operands(), " and ", out);
        } else if (condition instanceof Or o) {
            join(o.operands(), " or ", out);
        }
    }

    /**
     * Joins the operands of a connective. They are never of its own kind (And and Or flatten), so only an Or inside
     * an And binds looser and needs parentheses.
     */
    private static void join(List<Condition> operands, String connective, StringBuilder out) {
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) out.append(connective);
            Condition operand = operands.get(i);
            boolean parenthesise = operand instanceof Or && connective.equals(" and ");
            if (parenthesise) out.append('(');
            print(operand, out);
            if (parenthesise) out.append(')');
        }
    }

    private static void literal(Literal literal, StringBuilder out) {
        if (literal instanceof Literal.Number n) {
            out.append(n.value().toString());
        } else if (literal instanceof Literal.Bool b) {
            out.append(b.value());
        } else if (literal instanceof Literal.Text t) {
            out.append('"');
            for (char c : t.value().toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\t' -> out.append("\\t");
                    case '\r' -> out.append("\\r");
                    default -> {
                        if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                        else out.append(c);
                    }
                }
            }
            out.append('"');
        }
    }
}
