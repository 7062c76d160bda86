package crm.ingest.tracking;

import crm.events.CustomerEvent;
import crm.events.EventType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentMappingTest {
    private static final String WS = "ws-1";
    private static final Instant RECEIVED = Instant.parse("2024-05-01T12:00:00Z");

    private static SegmentMapping.Outcome map(EventType type, Map<String, Object> message) {
        return SegmentMapping.map(type, message, WS, RECEIVED, () -> "generated-id");
    }

    private static CustomerEvent accepted(EventType type, Map<String, Object> message) {
        SegmentMapping.Outcome outcome = map(type, message);
        assertThat(outcome).isInstanceOf(SegmentMapping.Accepted.class);
        return ((SegmentMapping.Accepted) outcome).event();
    }

    private static SegmentMapping.Rejected rejected(EventType type, Map<String, Object> message) {
        SegmentMapping.Outcome outcome = map(type, message);
        assertThat(outcome).isInstanceOf(SegmentMapping.Rejected.class);
        return (SegmentMapping.Rejected) outcome;
    }

    @Test
    void identify_becomes_an_identify_event_with_traits_and_identities() {
        CustomerEvent e = accepted(EventType.IDENTIFY, Map.of(
                "userId", "u-1", "anonymousId", "anon-1", "messageId", "m-1",
                "traits", Map.of("email", " Ada@Example.COM ", "first_name", "Ada"),
                "context", Map.of("ip", "1.2.3.4")));

        assertThat(e.id()).isEqualTo("m-1");
        assertThat(e.workspaceId()).isEqualTo(WS);
        assertThat(e.type()).isEqualTo(EventType.IDENTIFY);
        assertThat(e.name()).isNull();
        assertThat(e.identities().userId()).isEqualTo("u-1");
        assertThat(e.identities().anonymousId()).isEqualTo("anon-1");
        assertThat(e.identities().email()).isEqualTo("ada@example.com");
        assertThat(e.traits()).containsEntry("first_name", "Ada");
        assertThat(e.properties()).isEmpty();
        assertThat(e.context()).containsEntry("ip", "1.2.3.4");
        assertThat(e.source()).isEqualTo("api");
        assertThat(e.receivedAt()).isEqualTo(RECEIVED);
        assertThat(e.previousId()).isNull();
        assertThat(e.key()).isEqualTo(WS + ":e:ada@example.com");
    }

    @Test
    void track_becomes_a_track_event_named_after_the_event_with_its_properties() {
        CustomerEvent e = accepted(EventType.TRACK, Map.of(
                "anonymousId", "anon-9", "event", "Order Completed",
                "properties", Map.of("total", new BigDecimal("42.50"), "order_id", "o-1"),
                "traits", Map.of("ignored", true)));

        assertThat(e.type()).isEqualTo(EventType.TRACK);
        assertThat(e.name()).isEqualTo("Order Completed");
        assertThat(e.properties()).containsEntry("total", new BigDecimal("42.50")).containsEntry("order_id", "o-1");
        assertThat(e.traits()).isEmpty();
        assertThat(e.key()).isEqualTo(WS + ":a:anon-9");
    }

    @Test
    void the_message_id_is_generated_when_absent_or_blank() {
        assertThat(accepted(EventType.TRACK, Map.of("userId", "u", "event", "E")).id()).isEqualTo("generated-id");
        assertThat(accepted(EventType.TRACK, Map.of("userId", "u", "event", "E", "messageId", "  ")).id())
                .isEqualTo("generated-id");
    }

    @Test
    void a_message_id_over_100_characters_is_refused() {
        assertThat(rejected(EventType.TRACK, Map.of("userId", "u", "event", "E", "messageId", "x".repeat(101))).field())
                .isEqualTo("messageId");
        assertThat(accepted(EventType.TRACK, Map.of("userId", "u", "event", "E", "messageId", "x".repeat(100))).id())
                .hasSize(100);
    }

    @Test
    void a_message_without_user_id_or_anonymous_id_is_refused_naming_user_id() {
        SegmentMapping.Rejected r = rejected(EventType.IDENTIFY, Map.of("traits", Map.of("email", "a@b.c")));

        assertThat(r.field()).isEqualTo("userId");
        assertThat(r.reason()).contains("userId").contains("anonymousId");
    }

    @Test
    void blank_user_id_and_anonymous_id_count_as_missing() {
        assertThat(rejected(EventType.IDENTIFY, Map.of("userId", " ", "anonymousId", "")).field()).isEqualTo("userId");
    }

    @Test
    void ids_made_only_of_control_characters_count_as_missing() {
        assertThat(rejected(EventType.IDENTIFY, Map.of("userId", "\u0001", "anonymousId", " \u0000 ")).field())
                .isEqualTo("userId");
        assertThat(accepted(EventType.IDENTIFY, Map.of("userId", "\u0001u-1\u0002")).identities().userId())
                .isEqualTo("u-1");
    }

    @Test
    void a_numeric_user_id_is_taken_as_text() {
        assertThat(accepted(EventType.IDENTIFY, Map.of("userId", 12345)).identities().userId()).isEqualTo("12345");
    }

    @Test
    void a_user_id_that_is_not_a_string_is_refused() {
        assertThat(rejected(EventType.IDENTIFY, Map.of("userId", List.of("a"))).field()).isEqualTo("userId");
        assertThat(rejected(EventType.IDENTIFY, Map.of("userId", "u", "anonymousId", Map.of())).field())
                .isEqualTo("anonymousId");
    }

    @Test
    void track_without_an_event_name_is_refused_naming_event() {
        assertThat(rejected(EventType.TRACK, Map.of("userId", "u")).field()).isEqualTo("event");
        assertThat(rejected(EventType.TRACK, Map.of("userId", "u", "event", "  ")).field()).isEqualTo("event");
        assertThat(rejected(EventType.TRACK, Map.of("userId", "u", "event", 3)).field()).isEqualTo("event");
    }

    @Test
    void identify_needs_no_event_name() {
        assertThat(accepted(EventType.IDENTIFY, Map.of("userId", "u")).name()).isNull();
    }

    @Test
    void identify_takes_the_email_from_traits_first() {
        CustomerEvent e = accepted(EventType.IDENTIFY, Map.of("userId", "u",
                "traits", Map.of("email", "traits@x.io"),
                "context", Map.of("traits", Map.of("email", "context@x.io")),
                "properties", Map.of("email", "props@x.io")));

        assertThat(e.identities().email()).isEqualTo("traits@x.io");
    }

    @Test
    void without_traits_email_the_context_traits_email_is_used() {
        CustomerEvent e = accepted(EventType.IDENTIFY, Map.of("userId", "u",
                "traits", Map.of("name", "Ada"),
                "context", Map.of("traits", Map.of("email", "context@x.io")),
                "properties", Map.of("email", "props@x.io")));

        assertThat(e.identities().email()).isEqualTo("context@x.io");
    }

    @Test
    void track_takes_the_email_from_context_traits_then_properties_never_from_traits() {
        CustomerEvent fromContext = accepted(EventType.TRACK, Map.of("userId", "u", "event", "E",
                "traits", Map.of("email", "traits@x.io"),
                "context", Map.of("traits", Map.of("email", "context@x.io")),
                "properties", Map.of("email", "props@x.io")));
        CustomerEvent fromProperties = accepted(EventType.TRACK, Map.of("userId", "u", "event", "E",
                "traits", Map.of("email", "traits@x.io"),
                "properties", Map.of("email", "props@x.io")));
        CustomerEvent none = accepted(EventType.TRACK, Map.of("userId", "u", "event", "E",
                "traits", Map.of("email", "traits@x.io")));

        assertThat(fromContext.identities().email()).isEqualTo("context@x.io");
        assertThat(fromProperties.identities().email()).isEqualTo("props@x.io");
        assertThat(none.identities().email()).isNull();
        assertThat(none.key()).isEqualTo(WS + ":u:u");
    }

    @Test
    void an_email_that_is_not_a_string_is_ignored() {
        CustomerEvent e = accepted(EventType.IDENTIFY, Map.of("userId", "u", "traits", Map.of("email", 42),
                "properties", Map.of("email", "p@x.io")));

        assertThat(e.identities().email()).isEqualTo("p@x.io");
    }

    @Test
    void the_timestamp_is_corrected_for_client_clock_skew() {
        CustomerEvent e = accepted(EventType.TRACK, Map.of("userId", "u", "event", "E",
                "timestamp", "2024-05-01T09:59:30Z", "sentAt", "2024-05-01T10:00:00Z"));

        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-05-01T11:59:30Z"));
        assertThat(e.receivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void timestamps_with_offsets_and_fractions_are_understood() {
        CustomerEvent e = accepted(EventType.TRACK, Map.of("userId", "u", "event", "E",
                "timestamp", "2024-05-01T11:59:30.250+02:00"));

        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-05-01T09:59:30.250Z"));
    }

    @Test
    void without_a_timestamp_the_event_time_is_the_receipt_time() {
        assertThat(accepted(EventType.TRACK, Map.of("userId", "u", "event", "E", "sentAt", "2024-05-01T10:00:00Z"))
                .timestamp()).isEqualTo(RECEIVED);
    }

    @Test
    void an_unreadable_timestamp_or_sent_at_is_refused_naming_it() {
        assertThat(rejected(EventType.TRACK, Map.of("userId", "u", "event", "E", "timestamp", "yesterday")).field())
                .isEqualTo("timestamp");
        assertThat(rejected(EventType.TRACK, Map.of("userId", "u", "event", "E", "sentAt", 1714560000)).field())
                .isEqualTo("sentAt");
        assertThat(rejected(EventType.TRACK, Map.of("userId", "u", "event", "E", "timestamp", "2024-05-01T10:00:00"))
                .field()).isEqualTo("timestamp");
    }

    @Test
    void traits_properties_and_context_must_be_objects() {
        assertThat(rejected(EventType.IDENTIFY, Map.of("userId", "u", "traits", "x")).field()).isEqualTo("traits");
        assertThat(rejected(EventType.TRACK, Map.of("userId", "u", "event", "E", "properties", List.of())).field())
                .isEqualTo("properties");
        assertThat(rejected(EventType.TRACK, Map.of("userId", "u", "event", "E", "context", 1)).field())
                .isEqualTo("context");
        assertThat(rejected(EventType.TRACK, Map.of("userId", "u", "event", "E", "context", Map.of("traits", "x")))
                .field()).isEqualTo("context.traits");
    }

    @Test
    void the_workspace_comes_from_the_caller_never_from_the_body() {
        Map<String, Object> message = new HashMap<>(Map.of("userId", "u", "event", "E"));
        message.put("workspaceId", "someone-else");
        message.put("writeKey", "whatever");

        assertThat(accepted(EventType.TRACK, message).workspaceId()).isEqualTo(WS);
    }

    @Test
    void null_fields_count_as_absent() {
        Map<String, Object> message = new HashMap<>();
        message.put("userId", "u");
        message.put("anonymousId", null);
        message.put("traits", null);
        message.put("context", null);
        message.put("timestamp", null);

        CustomerEvent e = accepted(EventType.IDENTIFY, message);

        assertThat(e.identities().anonymousId()).isNull();
        assertThat(e.traits()).isEmpty();
        assertThat(e.timestamp()).isEqualTo(RECEIVED);
    }

    @Test
    void track_names_of_the_ecommerce_spec_v1_become_v2_names() {
        assertThat(accepted(EventType.TRACK, Map.of("userId", "u", "event", "Completed Order")).name())
                .isEqualTo("Order Completed");
        assertThat(accepted(EventType.TRACK, Map.of("userId", "u", "event", "Viewed Product")).name())
                .isEqualTo("Product Viewed");
        assertThat(accepted(EventType.TRACK, Map.of("userId", "u", "event", "Wishlist Shared")).name())
                .isEqualTo("Wishlist Shared");
    }

    @Test
    void page_becomes_a_page_event_named_after_the_page_with_its_category_in_the_properties() {
        CustomerEvent e = accepted(EventType.PAGE, Map.of("anonymousId", "a-1", "name", "Pricing", "category", "Docs",
                "properties", Map.of("url", "https://shop.example/pricing", "email", "p@x.io")));

        assertThat(e.type()).isEqualTo(EventType.PAGE);
        assertThat(e.name()).isEqualTo("Pricing");
        assertThat(e.properties()).containsEntry("url", "https://shop.example/pricing").containsEntry("category", "Docs");
        assertThat(e.identities().email()).isEqualTo("p@x.io");
        assertThat(e.traits()).isEmpty();
    }

    @Test
    void a_page_without_a_name_is_accepted_and_a_non_text_name_refused() {
        assertThat(accepted(EventType.PAGE, Map.of("userId", "u")).name()).isNull();
        assertThat(rejected(EventType.PAGE, Map.of("userId", "u", "name", 5)).field()).isEqualTo("name");
        assertThat(rejected(EventType.SCREEN, Map.of("userId", "u", "category", List.of())).field()).isEqualTo("category");
    }

    @Test
    void screen_becomes_a_screen_event_named_after_the_screen() {
        CustomerEvent e = accepted(EventType.SCREEN, Map.of("userId", "u", "name", "Basket",
                "properties", Map.of("variation", "local", "category", "Own")));

        assertThat(e.type()).isEqualTo(EventType.SCREEN);
        assertThat(e.name()).isEqualTo("Basket");
        assertThat(e.properties()).containsEntry("variation", "local").containsEntry("category", "Own");
    }

    @Test
    void group_carries_the_group_id_in_its_properties_and_the_group_traits() {
        CustomerEvent e = accepted(EventType.GROUP, Map.of("userId", "u", "groupId", "g-1",
                "traits", Map.of("name", "Acme", "email", "billing@acme.io")));

        assertThat(e.type()).isEqualTo(EventType.GROUP);
        assertThat(e.properties()).isEqualTo(Map.of("groupId", "g-1"));
        assertThat(e.traits()).containsEntry("name", "Acme");
        // The group's email is the company's, not the customer's.
        assertThat(e.identities().email()).isNull();
    }

    @Test
    void group_without_a_group_id_is_refused_naming_group_id() {
        assertThat(rejected(EventType.GROUP, Map.of("userId", "u")).field()).isEqualTo("groupId");
        assertThat(accepted(EventType.GROUP, Map.of("userId", "u", "groupId", 42)).properties())
                .containsEntry("groupId", "42");
    }

    @Test
    void alias_carries_the_previous_id() {
        CustomerEvent e = accepted(EventType.ALIAS, Map.of("userId", "u-2", "previousId", "anon-7"));

        assertThat(e.type()).isEqualTo(EventType.ALIAS);
        assertThat(e.previousId()).isEqualTo("anon-7");
        assertThat(e.identities().userId()).isEqualTo("u-2");
        assertThat(rejected(EventType.ALIAS, Map.of("userId", "u-2")).field()).isEqualTo("previousId");
    }

    @Test
    void rudderstack_original_timestamp_is_the_client_time_when_there_is_no_timestamp() {
        CustomerEvent e = accepted(EventType.TRACK, Map.of("userId", "u", "event", "E",
                "originalTimestamp", "2024-05-01T09:59:30Z", "sentAt", "2024-05-01T10:00:00Z"));

        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-05-01T11:59:30Z"));
    }
}
