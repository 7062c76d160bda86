package crm.profile.privacy;

import java.sql.Connection;
import java.util.UUID;

/**
 * Fired (synchronously, inside the erasure's transaction) before a profile's rows are deleted: a feature that keeps
 * its own rows about profiles observes it and deletes them with {@code connection}, so the erasure leaves nothing.
 */
public record ProfileErasing(Connection connection, String workspaceId, UUID profileId) {
}
