package crm.segment.condition;

/** What a trait holds, which decides the comparisons it allows. */
public enum TraitType {
    NUMBER, TEXT, BOOLEAN,
    /** An instant: ISO-8601 in profiles, epoch milliseconds in facts; compared with times and relative times. */
    TIME,
    /** A custom trait ({@code custom.name}): any scalar, compared by the kind of the value it is compared with. */
    ANY,
    /** A list of text ({@code tags}): tested for one element with {@code contains}, or with {@code exists}. */
    LIST;

    public String describe() {
        return switch (this) {
            case NUMBER -> "a number";
            case TEXT -> "text";
            case BOOLEAN -> "a boolean";
            case TIME -> "a date";
            case ANY -> "a custom value";
            case LIST -> "a list of text";
        };
    }
}
