package crm.segment.condition;

/** Condition text that does not parse or does not type-check: where (1-based line and column) and why. */
public class ConditionSyntaxException extends InvalidCondition {

    public ConditionSyntaxException(int line, int column, String reason) {
        super("line " + line + ", column " + column + ": " + reason, reason, line, column, null);
    }
}
