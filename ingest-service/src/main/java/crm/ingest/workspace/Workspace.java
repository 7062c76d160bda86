package crm.ingest.workspace;

import java.time.Instant;

/** A workspace: one store, the unit every piece of data in the suite belongs to. */
public record Workspace(String id, String name, Instant createdAt) {
    public static final int NAME_MAX_LENGTH = 200;

    /**
     * The name as stored (trimmed), or why it is refused.
     *
     * @throws IllegalArgumentException with a message fit for the client
     */
    public static String checkName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) throw new IllegalArgumentException("name is required");
        // PostgreSQL refuses NUL in text; other control characters have no place in a store's name either.
        if (trimmed.chars().anyMatch(Character::isISOControl)) throw new IllegalArgumentException("name must not hold control characters");
        if (trimmed.codePointCount(0, trimmed.length()) > NAME_MAX_LENGTH) {
            throw new IllegalArgumentException("name must be at most " + NAME_MAX_LENGTH + " characters");
        }
        return trimmed;
    }
}
