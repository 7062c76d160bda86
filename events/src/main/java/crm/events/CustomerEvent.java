package crm.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The one envelope for everything that happened to or was done by a customer, on {@link Topics#EVENTS}.
 *
 * @param id          unique within the workspace; consumers dedupe on it (Segment messageId, webhook delivery id, send idempotency key)
 * @param name        the event name for track (Segment e-commerce v2 names, see {@link EventNames}), the page or screen name; null for identify
 * @param traits      customer traits (identify), snake_case or as sent
 * @param properties  event properties (track, page)
 * @param timestamp   when it happened, corrected for client clock skew
 * @param receivedAt  when ingest received it
 * @param source      where it came from: api, shopify, woocommerce, sendgrid, twilio, journey
 * @param previousId  the former id of an alias call
 */
public record CustomerEvent(
        String id,
        String workspaceId,
        EventType type,
        String name,
        Identities identities,
        Map<String, Object> traits,
        Map<String, Object> properties,
        Map<String, Object> context,
        Instant timestamp,
        Instant receivedAt,
        String source,
        String previousId) {

    public CustomerEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(type, "type");
        if (id.isBlank()) throw new IllegalArgumentException("id is blank");
        if (workspaceId.isBlank()) throw new IllegalArgumentException("workspaceId is blank");
        identities = identities == null ? Identities.of(null, null, null) : identities;
        traits = traits == null ? Map.of() : traits;
        properties = properties == null ? Map.of() : properties;
        context = context == null ? Map.of() : context;
    }

    public boolean isTrack(String eventName) {
        return type == EventType.TRACK && eventName.equals(name);
    }

    /** The Kafka key of this event: workspace plus best identity, so one customer's events stay in order. */
    public String key() {
        return Keys.event(workspaceId, identities);
    }
}
