package crm.segment.condition;

import java.util.List;

/**
 * What each node allows, checked when the node is built, so every AST is valid whichever way it was made (text,
 * JSON, code). Violations are {@link IllegalArgumentException}s whose message is the reason; the parsers add where.
 */
final class TypeRules {
    private TypeRules() {
    }

    static TraitType comparison(String trait, Operator operator, Literal literal) {
        TraitType type = TraitCatalogue.require(trait);
        if (literal instanceof Literal.Bool && !operator.isEquality()) {
            throw new IllegalArgumentException("operator " + operator.symbol() + " does not apply to a boolean; use = or !=");
        }
        boolean fits = switch (type) {
            case NUMBER -> literal instanceof Literal.Number || literal instanceof Literal.AverageTimes;
            case TEXT -> literal instanceof Literal.Text;
            case BOOLEAN -> literal instanceof Literal.Bool;
            case TIME -> literal instanceof Literal.Time || literal instanceof Literal.Now;
            case ANY -> literal instanceof Literal.Number || literal instanceof Literal.Text || literal instanceof Literal.Bool;
            case LIST -> false;
        };
        if (!fits) throw new IllegalArgumentException(trait + " is " + type.describe() + " and cannot be compared with " + describe(literal)
                + hint(type));
        if (literal instanceof Literal.AverageTimes a) averageable(a.trait());
        return type;
    }

    static void list(String trait, List<Literal> values) {
        TraitType type = TraitCatalogue.require(trait);
        if (values.isEmpty()) throw new IllegalArgumentException("'in' needs at least one value");
        Class<?> kind = values.get(0).getClass();
        for (Literal v : values) {
            boolean fits = switch (type) {
                case NUMBER -> v instanceof Literal.Number;
                case TEXT -> v instanceof Literal.Text;
                case ANY -> v instanceof Literal.Number || v instanceof Literal.Text;
                default -> false;
            };
            if (!fits) throw new IllegalArgumentException("'in' applies to numbers and text; " + trait + " is "
                    + type.describe() + " and " + describe(v) + " does not fit" + hint(type));
            if (v.getClass() != kind) throw new IllegalArgumentException("the values of 'in' must all be numbers or all text");
        }
    }

    /** {@code contains}: a fragment of text, or an element of a list (which cannot hold NUL, as jsonb cannot). */
    static void contains(String trait, String fragment) {
        TraitType type = TraitCatalogue.require(trait);
        if (type != TraitType.TEXT && type != TraitType.ANY && type != TraitType.LIST) {
            throw new IllegalArgumentException("'contains' applies to text and lists; " + trait + " is " + type.describe());
        }
        if (type == TraitType.LIST && fragment.indexOf('\u0000') >= 0) throw new IllegalArgumentException("a tag cannot contain NUL");
    }

    static void time(String trait, String operation) {
        TraitType type = TraitCatalogue.require(trait);
        if (type != TraitType.TIME) {
            throw new IllegalArgumentException("'" + operation + "' applies to dates; " + trait + " is " + type.describe());
        }
    }

    /** Population statistics are kept for catalogued numeric profile traits (not custom ones, not RFM scores). */
    static void averageable(String trait) {
        TraitType type = TraitCatalogue.require(trait);
        if (type != TraitType.NUMBER || TraitCatalogue.isScore(trait) || TraitCatalogue.nested(trait).isPresent()) {
            throw new IllegalArgumentException("population statistics apply to numeric profile traits (not categories, custom "
                    + "traits or RFM scores); " + trait + " is not one");
        }
    }

    static String describe(Literal literal) {
        if (literal instanceof Literal.Number n) return "the number " + n.value().toPlainString();
        if (literal instanceof Literal.Text t) return "the string \"" + t.value() + "\"";
        if (literal instanceof Literal.Bool b) return String.valueOf(b.value());
        if (literal instanceof Literal.Time t) return "the date " + t.at();
        if (literal instanceof Literal.Now) return "a relative time";
        return "a multiple of avg(" + ((Literal.AverageTimes) literal).trait() + ")";
    }

    private static String hint(TraitType type) {
        return switch (type) {
            case TIME -> " (write a date as \"2024-01-31\" or a relative time such as now - 15d)";
            case TEXT -> " (strings are written in double quotes)";
            case LIST -> " (a list is tested for an element with contains, such as contains \"VIP\", or for any element with exists)";
            default -> "";
        };
    }
}
