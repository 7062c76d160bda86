package crm.segment.condition;

import java.util.Map;

/**
 * A segment condition: a clean AST over profile traits. The text form ({@link #parse}, {@link #toText}) is what
 * marketers read and what is stored; {@link #matches} is the in-memory predicate applied to every profile change.
 */
public sealed interface Condition permits Comparison, Exists, And, Or, Not {

    /** Whether a profile with these traits satisfies the condition. A missing trait satisfies no comparison. */
    boolean matches(Map<String, ?> traits);

    default String toText() {
        return ConditionPrinter.print(this);
    }

    static Condition parse(String text) {
        return ConditionParser.parse(text);
    }
}
