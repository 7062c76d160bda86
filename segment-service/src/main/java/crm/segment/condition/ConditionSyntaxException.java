package crm.segment.condition;

/** Condition text that does not parse: where (1-based line and column) and why. */
public class ConditionSyntaxException extends IllegalArgumentException {
    private final int line;
    private final int column;
    private final String reason;

    public ConditionSyntaxException(int line, int column, String reason) {
        super("line " + line + ", column " + column + ": " + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
