package crm.segment.definition;

import crm.segment.condition.Condition;

import java.util.Objects;

/**
 * A segment of a workspace: the profiles whose traits satisfy its condition.
 *
 * @param presetKey the preset it was created from ("customers"), or null for a segment a marketer wrote
 */
public record Segment(String id, String workspaceId, String presetKey, String name, Condition condition) {

    public Segment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(condition, "condition");
    }

    /** The canonical text of the condition: what is stored and what a membership change gives as its reason. */
    public String conditionText() {
        return condition.toText();
    }
}
