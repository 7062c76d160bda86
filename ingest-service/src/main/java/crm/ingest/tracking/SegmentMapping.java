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
 * Maps one Segment HTTP Tracking API message (identify, track) onto the suite's {@link CustomerEvent}, or says which
 * field makes it unacceptable. Pure: the caller supplies the workspace (from the write key, never from the body),
 * the time it was received and how new message ids are made. Batch will call it once per item.
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
        String name = null;
        if (type == EventType.TRACK) {
            name = text(message, "event", "event");
            if (name == null) throw new InvalidField("event", "a track call needs an event name");
        }
        String messageId = identifier(message, "messageId");
        if (messageId != null && messageId.length() > MESSAGE_ID_MAX_LENGTH) {
            throw new InvalidField("messageId", "messageId must be at most " + MESSAGE_ID_MAX_LENGTH + " characters");
        }
        Map<String, Object> traits = object(message, "traits", "traits");
        Map<String, Object> properties = object(message, "properties", "properties");
        Map<String, Object> context = object(message, "context", "context");
        Map<String, Object> contextTraits = object(context, "traits", "context.traits");

        Instant timestamp = instant(message, "timestamp");
        Instant sentAt = instant(message, "sentAt");

        String email = firstText(
                type == EventType.IDENTIFY ? traits.get("email") : null,
                contextTraits.get("email"),
                properties.get("email"));

        return new CustomerEvent(
                messageId != null ? messageId : newMessageId.get(),
                workspaceId,
                type,
                name,
                Identities.of(userId, anonymousId, email),
                type == EventType.IDENTIFY ? traits : Map.of(),
                type == EventType.TRACK ? properties : Map.of(),
                context,
                ClockSkew.eventTime(receivedAt, sentAt, timestamp),
                receivedAt,
                SOURCE,
                null);
    }

    /** An id field: a string, or a number as SDKs of typed languages sometimes send; blank means absent. */
    private static String identifier(Map<String, Object> message, String field) {
        Object v = message.get(field);
        if (v == null) return null;
        if (v instanceof String s) return s.isBlank() ? null : s.strip();
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
