package crm.ingest.workspace;

import java.time.Instant;

/**
 * Answer of {@code POST /v1/workspaces/{id}/write-keys}: the only time the new key is shown.
 *
 * @param previousKeysValidUntil until when the keys it replaces keep working
 */
public record WriteKeyIssued(String workspaceId, String writeKey, Instant previousKeysValidUntil) {
}
