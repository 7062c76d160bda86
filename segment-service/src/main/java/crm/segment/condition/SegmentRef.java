package crm.segment.condition;

import java.util.Objects;

/** Another segment of the same workspace, named by its name ({@code "Customers"}), preset key or id. */
public record SegmentRef(Kind kind, String value) {
    public enum Kind { NAME, KEY, ID }

    public SegmentRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public String describe() {
        return switch (kind) {
            case NAME -> "segment \"" + value + "\"";
            case KEY -> "segment with key \"" + value + "\"";
            case ID -> "segment with id \"" + value + "\"";
        };
    }
}
