package crm.ingest.tracking;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Maps one Segment HTTP Tracking API message (identify, track, page, screen, group, alias) onto the suite's
 * {@link CustomerEvent}, or says which field makes it unacceptable. Pure: the caller supplies the workspace (from the
 * write key, never from the body), the time it was received and how new message ids are made. {@link SegmentBatch}
 * calls it once per item. Track names of Segment's e-commerce spec v1 become their v2 names ({@link EcommerceNames});
 * page and screen carry their name; group carries groupId in its properties and the group's traits; alias carries
 * previousId.
 */
public final class SegmentMapping {
    /** Segment dedupes on messageId and documents it as under 100 characters. */
    public static final int MESSAGE_ID_MAX_LENGTH = 100;
    public static final String SOURCE = "api";

    private SegmentMapping() {
    }

    /** The outcome of mapping one message. */
    public sealed interface Outcome permits Accepted, Rejected {
    }

    public record Accepted(CustomerEvent event) implements Outcome {
    }

    /** @param field the message field at fault, as the client named it ({@code context.traits}, {@code userId}) */
    public record Rejected(String field, String reason) implements Outcome {
    }

    public static Outcome map(EventType type, Map<String, Object> message, String workspaceId, Instant receivedAt,
                              Supplier<String> newMessageId) {
        try {
            return new Accepted(event(type, message, workspaceId, receivedAt, newMessageId));
        } catch (InvalidField e) {
            return new Rejected(e.field, e.getMessage());
        }
    }

    private static CustomerEvent event(EventType type, Map<String, Object> message, String workspaceId,
                                       Instant receivedAt, Supplier<String> newMessageId) {
        String userId = identifier(message, "userId");
        String anonymousId = identifier(message, "anonymousId");
        if (userId == null && anonymousId == null) {
            throw new InvalidField("userId", "every message needs a userId or an anonymousId");
        }
        String messageId = identifier(message, "messageId");
        if (messageId != null && messageId.length() > MESSAGE_ID_MAX_LENGTH) {
            throw new InvalidField("messageId", "messageId must be at most " + MESSAGE_ID_MAX_LENGTH + " characters");
        }
        Map<String, Object> traits = object(message, "traits", "traits");
        Map<String, Object> properties = object(message, "properties", "properties");
        Map<String, Object> context = object(message, "context", "context");
        Map<String, Object> contextTraits = object(context, "traits", "context.traits");

        String name = null;
        String previousId = null;
        Map<String, Object> eventTraits = Map.of();
        Map<String, Object> eventProperties = Map.of();
        Object emailInProperties = properties.get("email");
        switch (type) {
            case IDENTIFY -> eventTraits = traits;
            case TRACK -> {
                String event = text(message, "event", "event");
                if (event == null) throw new InvalidField("event", "a track call needs an event name");
                name = EcommerceNames.canonical(event);
                eventProperties = properties;
            }
            case PAGE, SCREEN -> {
                // The name is optional (Segment's page() without arguments); category is kept with the properties.
                name = text(message, "name", "name");
                String category = text(message, "category", "category");
                eventProperties = category == null || properties.containsKey("category")
                        ? properties : with(properties, "category", category);
            }
            case GROUP -> {
                String groupId = identifier(message, "groupId");
                if (groupId == null) throw new InvalidField("groupId", "a group call needs a groupId");
                eventProperties = Map.of("groupId", groupId);
                eventTraits = traits;
                emailInProperties = null; // a group's traits and properties describe the company, not the customer
            }
            case ALIAS -> {
                previousId = identifier(message, "previousId");
                if (previousId == null) throw new InvalidField("previousId", "an alias call needs a previousId");
            }
        }

        // Segment's libraries send timestamp; RudderStack's send originalTimestamp: both are the client's own clock.
        Instant timestamp = instant(message, "timestamp");
        if (timestamp == null) timestamp = instant(message, "originalTimestamp");
        Instant sentAt = instant(message, "sentAt");

        String email = firstText(
                type == EventType.IDENTIFY ? traits.get("email") : null,
                contextTraits.get("email"),
                emailInProperties);

        return new CustomerEvent(
                messageId != null ? messageId : newMessageId.get(),
                workspaceId,
                type,
                name,
                Identities.of(userId, anonymousId, email),
                eventTraits,
                eventProperties,
                context,
                ClockSkew.eventTime(receivedAt, sentAt, timestamp),
                receivedAt,
                SOURCE,
                previousId);
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    /**
     * An id field: a string, or a number as SDKs of typed languages sometimes send; blank means absent. Control
     * characters at the ends are cut too, as {@link Identities} does, so an id never vanishes after acceptance.
     */
    private static String identifier(Map<String, Object> message, String field) {
        Object v = message.get(field);
        if (v == null) return null;
        if (v instanceof String s) {
            String t = s.strip().trim().strip();
            return t.isEmpty() ? null : t;
        }
        if (v instanceof Number n) return n.toString();
        throw new InvalidField(field, field + " must be a string");
    }

    private static String text(Map<String, Object> message, String key, String field) {
        Object v = message.get(key);
        if (v == null) return null;
        if (v instanceof String s) return s.isBlank() ? null : s.strip();
        throw new InvalidField(field, field + " must be a string");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> message, String key, String field) {
        Object v = message.get(key);
        if (v == null) return Map.of();
        if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new InvalidField(field, field + " must be an object");
    }

    /** Whether a value is a date-time this API accepts (an ISO-8601 string with an offset). */
    static boolean isInstant(Object value) {
        try {
            return instant(Map.of("v", value), "v") != null;
        } catch (InvalidField e) {
            return false;
        }
    }

    private static Instant instant(Map<String, Object> message, String field) {
        Object v = message.get(field);
        if (v == null) return null;
        if (v instanceof String s && !s.isBlank()) {
            try {
                return OffsetDateTime.parse(s.strip()).toInstant();
            } catch (DateTimeParseException e) {
                // falls through to the refusal below
            }
        }
        throw new InvalidField(field, field + " must be an ISO-8601 date-time with an offset, like 2024-05-01T12:00:00Z");
    }

    private static String firstText(Object... candidates) {
        for (Object c : candidates) {
            if (c instanceof String s && !s.isBlank()) return s;
        }
        return null;
    }

    private static final class InvalidField extends RuntimeException {
        private final String field;

        InvalidField(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }
}
