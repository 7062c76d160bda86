package crm.segment.condition;

/**
 * A condition that cannot be accepted: where and why. The text form says where by line and column, the JSON form by
 * a JSON pointer ({@link #path}); the other is null.
 */
public class InvalidCondition extends IllegalArgumentException {
    private final String reason;
    private final Integer line;
    private final Integer column;
    private final String path;

    protected InvalidCondition(String message, String reason, Integer line, Integer column, String path) {
        super(message);
        this.reason = reason;
        this.line = line;
        this.column = column;
        this.path = path;
    }

    public static InvalidCondition at(String path, String reason) {
        return new InvalidCondition((path.isEmpty() ? "" : "at " + path + ": ") + reason, reason, null, null, path);
    }

    public String reason() {
        return reason;
    }

    public Integer line() {
        return line;
    }

    public Integer column() {
        return column;
    }

    public String path() {
        return path;
    }
}
