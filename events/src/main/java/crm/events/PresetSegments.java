package crm.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids of the segments every workspace is created with. They are derived from the workspace id and the preset's key,
 * so journey templates can name "the Customers segment of this workspace" without asking segment-service.
 */
public final class PresetSegments {
    public static final String CUSTOMERS = "customers";

    private PresetSegments() {
    }

    public static String id(String workspaceId, String presetKey) {
        return UUID.nameUUIDFromBytes(("crm-preset-segment:" + workspaceId + ":" + presetKey).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
