package crm.ingest.tracking;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A Segment {@code /v1/batch} (or {@code /v1/import}) body mapped onto events, all or nothing: one invalid item
 * rejects the whole batch, naming the item ({@code batch[3].event}), so a client is never told 2xx for an event that
 * was not stored. The batch's {@code context} and {@code integrations} are merged into each item (the item's keys
 * win) and its {@code sentAt} stands for the items' own when they have none, so each item's clock skew is corrected
 * with the time the batch left the client. Pure.
 */
public final class SegmentBatch {
    private SegmentBatch() {
    }

    /**
     * @param maxEvents       most items in one batch (Segment: 2,500)
     * @param maxMessageBytes largest item, as compact JSON (Segment: 32 KB)
     */
    public record Limits(int maxEvents, int maxMessageBytes) {
    }

    public sealed interface Outcome permits Accepted, Rejected {
    }

    public record Accepted(List<CustomerEvent> events) implements Outcome {
    }

    /** @param field the part of the body at fault: {@code batch}, {@code batch[3]}, {@code batch[3].event}, ... */
    public record Rejected(String field, String reason) implements Outcome {
    }

    public static Outcome map(Map<String, Object> body, String workspaceId, Instant receivedAt,
                              Supplier<String> newMessageId, Limits limits) {
        if (!(body.get("batch") instanceof List<?> items)) {
            return new Rejected("batch", "a batch needs a \"batch\" array of messages");
        }
        if (items.size() > limits.maxEvents()) {
            return new Rejected("batch", "the batch has " + items.size() + " messages; the limit is "
                    + limits.maxEvents() + " messages per batch");
        }
        if (!(body.get("context") == null || body.get("context") instanceof Map<?, ?>)) {
            return new Rejected("context", "context must be an object");
        }
        if (!(body.get("integrations") == null || body.get("integrations") instanceof Map<?, ?>)) {
            return new Rejected("integrations", "integrations must be an object");
        }
        if (body.get("sentAt") != null && !SegmentMapping.isInstant(body.get("sentAt"))) {
            return new Rejected("sentAt", "sentAt must be an ISO-8601 date-time with an offset, like 2024-05-01T12:00:00Z");
        }
        List<CustomerEvent> events = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String at = "batch[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> raw)) return new Rejected(at, at + " must be a message object");
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) raw;
            int size = compactSize(item);
            if (size > limits.maxMessageBytes()) {
                return new Rejected(at, at + " is " + size + " bytes; the limit is " + limits.maxMessageBytes()
                        + " bytes per message");
            }
            EventType type = type(item.get("type"));
            if (type == null) {
                return new Rejected(at + ".type", at + ".type must be one of identify, track, page, screen, group, alias");
            }
            SegmentMapping.Outcome outcome = SegmentMapping.map(type, merged(body, item), workspaceId, receivedAt,
                    newMessageId);
            if (outcome instanceof SegmentMapping.Rejected r) {
                return new Rejected(at + "." + r.field(), at + ": " + r.reason());
            }
            events.add(((SegmentMapping.Accepted) outcome).event());
        }
        return new Accepted(List.copyOf(events));
    }

    /** The item with the batch's context, integrations and sentAt filled in where the item has none of its own. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merged(Map<String, Object> body, Map<String, Object> item) {
        Map<String, Object> merged = new LinkedHashMap<>(item);
        for (String key : List.of("context", "integrations")) {
            if (body.get(key) instanceof Map<?, ?> shared && !shared.isEmpty()) {
                Object own = item.get(key);
                if (own == null) {
                    merged.put(key, shared);
                } else if (own instanceof Map<?, ?> ownMap) {
                    Map<String, Object> both = new LinkedHashMap<>((Map<String, Object>) shared);
                    both.putAll((Map<String, Object>) ownMap);
                    merged.put(key, both);
                }
                // anything else is left as is, for SegmentMapping to refuse naming the item's field
            }
        }
        if (item.get("sentAt") == null && body.get("sentAt") != null) merged.put("sentAt", body.get("sentAt"));
        return merged;
    }

    private static EventType type(Object type) {
        if (!(type instanceof String s)) return null;
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "identify" -> EventType.IDENTIFY;
            case "track" -> EventType.TRACK;
            case "page" -> EventType.PAGE;
            case "screen" -> EventType.SCREEN;
            case "group" -> EventType.GROUP;
            case "alias" -> EventType.ALIAS;
            default -> null;
        };
    }

    /** The item's size as compact JSON: what it weighs whatever whitespace the client put around it. */
    private static int compactSize(Map<String, Object> item) {
        // Counted as it is written, never held: a batch of 2,500 items would otherwise build 2,500 throwaway arrays.
        ByteCount count = new ByteCount();
        try {
            Json.MAPPER.writeValue(count, item);
            return (int) Math.min(Integer.MAX_VALUE, count.bytes);
        } catch (IOException e) {
            return Integer.MAX_VALUE; // cannot happen for parsed JSON; refuse rather than guess
        }
    }

    private static final class ByteCount extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
