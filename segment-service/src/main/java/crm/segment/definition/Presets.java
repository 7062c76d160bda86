package crm.segment.definition;

import crm.events.PresetSegments;
import crm.segment.condition.Condition;

import java.util.List;

/** The segments every workspace starts with. Ids derive from workspace and key, so creating them twice is harmless. */
public final class Presets {
    private Presets() {
    }

    public static List<Segment> of(String workspaceId) {
        return List.of(preset(workspaceId, PresetSegments.CUSTOMERS, "Customers", "orders_count >= 1"));
    }

    private static Segment preset(String workspaceId, String key, String name, String condition) {
        return new Segment(PresetSegments.id(workspaceId, key), workspaceId, key, name, Condition.parse(condition));
    }
}
