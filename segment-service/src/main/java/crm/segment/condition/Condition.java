package crm.segment.condition;

import java.util.Map;

/**
 * A segment condition: one AST over profile facts ({@link Facts}). The text form ({@link #parse}, {@link #toText}) is
 * what marketers read and what is stored; {@link ConditionJson} is its JSON form; {@link #matches} is the in-memory
 * predicate applied on every profile change and {@link ConditionSql} the same condition as SQL for bulk work.
 * Two-valued logic throughout: a missing value fails every test, and only {@code not} can turn that into true.
 */
public sealed interface Condition permits Comparison, InList, Contains, Exists, Within, Top, InSegment, And, Or, Not {

    /** Whether a profile with these facts satisfies the condition. */
    boolean matches(Map<String, Object> facts, Evaluation evaluation);

    default String toText() {
        return ConditionPrinter.print(this);
    }

    /** Parses and validates against the trait catalogue; segment references are not checked. */
    static Condition parse(String text) {
        return ConditionParser.parse(text);
    }
}
