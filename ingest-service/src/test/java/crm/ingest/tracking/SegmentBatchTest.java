package crm.ingest.tracking;

import crm.events.CustomerEvent;
import crm.events.EventType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentBatchTest {
    private static final Instant RECEIVED = Instant.parse("2024-05-01T12:00:00Z");
    private static final SegmentBatch.Limits LIMITS = new SegmentBatch.Limits(2500, 32768);

    private static SegmentBatch.Outcome map(Map<String, Object> body) {
        return SegmentBatch.map(body, "ws-1", RECEIVED, () -> "generated", LIMITS);
    }

    private static List<CustomerEvent> accepted(Map<String, Object> body) {
        SegmentBatch.Outcome outcome = map(body);
        assertThat(outcome).isInstanceOf(SegmentBatch.Accepted.class);
        return ((SegmentBatch.Accepted) outcome).events();
    }

    private static SegmentBatch.Rejected rejected(Map<String, Object> body) {
        SegmentBatch.Outcome outcome = map(body);
        assertThat(outcome).isInstanceOf(SegmentBatch.Rejected.class);
        return (SegmentBatch.Rejected) outcome;
    }

    @Test
    void every_item_becomes_an_event_of_its_type_in_order() {
        List<CustomerEvent> events = accepted(Map.of("batch", List.of(
                Map.of("type", "identify", "userId", "u", "traits", Map.of("email", "a@b.io")),
                Map.of("type", "track", "userId", "u", "event", "Completed Order"),
                Map.of("type", "page", "userId", "u", "name", "Home"),
                Map.of("type", "screen", "userId", "u", "name", "Cart"),
                Map.of("type", "group", "userId", "u", "groupId", "g"),
                Map.of("type", "alias", "userId", "u", "previousId", "a"))));

        assertThat(events).extracting(CustomerEvent::type).containsExactly(EventType.IDENTIFY, EventType.TRACK,
                EventType.PAGE, EventType.SCREEN, EventType.GROUP, EventType.ALIAS);
        assertThat(events.get(1).name()).isEqualTo("Order Completed");
        assertThat(events).allSatisfy(e -> assertThat(e.workspaceId()).isEqualTo("ws-1"));
    }

    @Test
    void the_batch_context_and_integrations_are_merged_into_each_item_and_the_item_wins() {
        List<CustomerEvent> events = accepted(Map.of(
                "context", Map.of("library", Map.of("name", "analytics-java"), "ip", "1.1.1.1"),
                "integrations", Map.of("All", false),
                "batch", List.of(
                        Map.of("type", "track", "userId", "u", "event", "E", "context", Map.of("ip", "2.2.2.2")),
                        Map.of("type", "track", "userId", "u", "event", "F"))));

        assertThat(events.get(0).context()).containsEntry("ip", "2.2.2.2")
                .containsEntry("library", Map.of("name", "analytics-java"));
        assertThat(events.get(1).context()).containsEntry("ip", "1.1.1.1");
    }

    @Test
    void each_item_is_corrected_for_clock_skew_with_the_batch_sent_at() {
        List<CustomerEvent> events = accepted(Map.of("sentAt", "2024-05-01T10:00:00Z", "batch", List.of(
                Map.of("type", "track", "userId", "u", "event", "E", "timestamp", "2024-05-01T09:59:00Z"),
                Map.of("type", "track", "userId", "u", "event", "F", "timestamp", "2024-05-01T09:58:00Z",
                        "sentAt", "2024-05-01T09:58:30Z"))));

        assertThat(events.get(0).timestamp()).isEqualTo(Instant.parse("2024-05-01T11:59:00Z"));
        // An item's own sentAt wins (RudderStack's node SDK stamps each item).
        assertThat(events.get(1).timestamp()).isEqualTo(Instant.parse("2024-05-01T11:59:30Z"));
    }

    @Test
    void missing_message_ids_are_generated() {
        assertThat(accepted(Map.of("batch", List.of(Map.of("type", "track", "userId", "u", "event", "E")))).get(0).id())
                .isEqualTo("generated");
    }

    @Test
    void an_invalid_item_rejects_the_batch_naming_the_item_and_its_field() {
        SegmentBatch.Rejected r = rejected(Map.of("batch", List.of(
                Map.of("type", "track", "userId", "u", "event", "E"),
                Map.of("type", "identify", "userId", "u"),
                Map.of("type", "track", "userId", "u"))));

        assertThat(r.field()).isEqualTo("batch[2].event");
        assertThat(r.reason()).startsWith("batch[2]");
    }

    @Test
    void an_item_without_a_known_type_is_refused_naming_its_type() {
        assertThat(rejected(Map.of("batch", List.of(Map.of("userId", "u", "event", "E")))).field())
                .isEqualTo("batch[0].type");
        assertThat(rejected(Map.of("batch", List.of(Map.of("type", "purchase", "userId", "u")))).field())
                .isEqualTo("batch[0].type");
    }

    @Test
    void an_item_that_is_not_an_object_is_refused_naming_it() {
        assertThat(rejected(Map.of("batch", List.of("track"))).field()).isEqualTo("batch[0]");
    }

    @Test
    void a_body_without_a_batch_array_is_refused_naming_batch() {
        assertThat(rejected(Map.of()).field()).isEqualTo("batch");
        assertThat(rejected(Map.of("batch", Map.of())).field()).isEqualTo("batch");
    }

    @Test
    void an_empty_batch_is_accepted_with_nothing_to_store() {
        assertThat(accepted(Map.of("batch", List.of()))).isEmpty();
    }

    @Test
    void more_than_the_event_limit_is_refused_naming_the_limit() {
        Map<String, Object> item = Map.of("type", "track", "userId", "u", "event", "E");
        assertThat(accepted(Map.of("batch", Collections.nCopies(2500, item)))).hasSize(2500);

        SegmentBatch.Rejected r = rejected(Map.of("batch", Collections.nCopies(2501, item)));
        assertThat(r.field()).isEqualTo("batch");
        assertThat(r.reason()).contains("2501").contains("2500");
    }

    @Test
    void an_item_over_32_kb_is_refused_naming_the_item_and_the_limit() {
        List<Object> items = new ArrayList<>();
        items.add(Map.of("type", "track", "userId", "u", "event", "E"));
        items.add(Map.of("type", "track", "userId", "u", "event", "E", "properties", Map.of("blob", "x".repeat(33_000))));

        SegmentBatch.Rejected r = rejected(Map.of("batch", items));
        assertThat(r.field()).isEqualTo("batch[1]");
        assertThat(r.reason()).contains("32768");
    }

    @Test
    void a_wrong_batch_context_or_sent_at_is_refused_naming_it() {
        Map<String, Object> item = Map.of("type", "track", "userId", "u", "event", "E");
        assertThat(rejected(Map.of("context", "x", "batch", List.of(item))).field()).isEqualTo("context");
        assertThat(rejected(Map.of("integrations", 1, "batch", List.of(item))).field()).isEqualTo("integrations");
        assertThat(rejected(Map.of("sentAt", "now", "batch", List.of(item))).field()).isEqualTo("sentAt");
    }

    @Test
    void an_item_context_that_is_not_an_object_is_refused_even_with_a_batch_context() {
        Map<String, Object> item = new HashMap<>(Map.of("type", "track", "userId", "u", "event", "E", "context", 3));
        assertThat(rejected(Map.of("context", Map.of("ip", "1"), "batch", List.of(item))).field())
                .isEqualTo("batch[0].context");
    }
}
