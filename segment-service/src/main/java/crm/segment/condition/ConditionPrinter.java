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
            trait(c.trait(), out).append(' ').append(c.operator().symbol()).append(' ');
            literal(c.literal(), out);
        } else if (condition instanceof InList l) {
            trait(l.trait(), out).append(" in (");
            for (int i = 0; i < l.values().size(); i++) {
                if (i > 0) out.append(", ");
                literal(l.values().get(i), out);
            }
            out.append(')');
        } else if (condition instanceof Contains c) {
            trait(c.trait(), out).append(" contains ");
            string(c.fragment(), out);
        } else if (condition instanceof Exists e) {
            trait(e.trait(), out).append(" exists");
        } else if (condition instanceof Within w) {
            trait(w.trait(), out).append(" within ").append(w.unit().print(w.amount()));
        } else if (condition instanceof Top t) {
            trait(t.trait(), out).append(" in top ").append(t.percent().toPlainString()).append('%');
        } else if (condition instanceof InSegment s) {
            out.append("in segment ");
            switch (s.segment().kind()) {
                case KEY -> out.append("key ");
                case ID -> out.append("id ");
                default -> {
                }
            }
            string(s.segment().value(), out);
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
            out.append(n.value().toPlainString());
        } else if (literal instanceof Literal.Bool b) {
            out.append(b.value());
        } else if (literal instanceof Literal.Text t) {
            string(t.value(), out);
        } else if (literal instanceof Literal.Time t) {
            string(t.at().toString(), out);
        } else if (literal instanceof Literal.Now n) {
            out.append("now");
            if (n.amount() != 0) {
                out.append(n.amount() < 0 ? " - " : " + ").append(n.unit().print(Math.abs(n.amount())));
            }
        } else if (literal instanceof Literal.AverageTimes a) {
            out.append(a.factor().toPlainString()).append(" x avg(").append(a.trait()).append(')');
        }
    }

    /** A trait name; a category that is not an identifier is quoted: category_interest."running shoes". */
    private static StringBuilder trait(String trait, StringBuilder out) {
        var nested = TraitCatalogue.nested(trait);
        if (nested.isEmpty() || TraitCatalogue.NAME.matcher(nested.get().key()).matches()) return out.append(trait);
        out.append(nested.get().family()).append('.');
        string(nested.get().key(), out);
        return out;
    }

    private static void string(String value, StringBuilder out) {
        out.append('"');
        for (char c : value.toCharArray()) {
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
