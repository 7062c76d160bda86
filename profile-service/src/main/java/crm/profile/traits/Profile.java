package crm.profile.traits;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One customer of a workspace as folded from its events.
 *
 * @param traits      every trait as last published (stored and computed, {@link TraitView}), snake_case keys
 * @param lastEventId the event that made this version
 */
public record Profile(
        String id,
        String workspaceId,
        Map<String, Object> traits,
        int ordersCount,
        BigDecimal totalSpent,
        Instant firstOrderDate,
        Instant lastOrderDate,
        long emailsSent,
        long version,
        String lastEventId,
        Instant createdAt,
        Instant updatedAt) {

    public Profile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        traits = traits == null ? Map.of() : withoutNulls(traits);
        totalSpent = totalSpent == null ? BigDecimal.ZERO : totalSpent;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> traits) {
        Map<String, Object> copy = new LinkedHashMap<>();
        traits.forEach((k, v) -> {
            if (k != null && v != null) copy.put(k, v);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** A profile nobody has folded anything into yet. */
    public static Profile empty(String id, String workspaceId, Instant now) {
        return new Profile(id, workspaceId, Map.of(), 0, BigDecimal.ZERO, null, null, 0, 0, null, now, now);
    }
}
