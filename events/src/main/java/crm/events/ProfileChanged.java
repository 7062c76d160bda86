package crm.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A full snapshot of a profile after a change, on {@link Topics#PROFILES}, keyed by profile id.
 * Consumers keep the highest {@code version} they saw and ignore older or equal ones, so redelivery is harmless.
 *
 * @param traits every stored and computed trait in snake_case (email, orders_count, total_spent,
 *               first_order_date, ...); dates are ISO-8601 instants as strings, amounts are numbers
 */
public record ProfileChanged(
        String workspaceId,
        String profileId,
        long version,
        Instant changedAt,
        String causeEventId,
        Map<String, Object> traits) implements ProfileMessage {

    public ProfileChanged {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(profileId, "profileId");
        traits = traits == null ? Map.of() : traits;
    }
}
