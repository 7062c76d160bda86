package crm.events;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonContractTest {

    @Test
    void customer_event_round_trips_with_exact_amounts_and_iso_times() {
        var event = new CustomerEvent("m-1", "ws-1", EventType.TRACK, EventNames.ORDER_COMPLETED,
                Identities.of("u1", null, "  Jane@Example.COM "), null, Map.of("revenue", new BigDecimal("404.95")),
                null, Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:04:06Z"), "api", null);

        String json = Json.write(event);
        assertThat(json).contains("\"type\":\"track\"", "\"timestamp\":\"2026-01-02T03:04:05Z\"", "jane@example.com");

        CustomerEvent back = Json.read(json, CustomerEvent.class);
        assertThat(back).isEqualTo(event);
        assertThat(back.properties().get("revenue")).isEqualTo(new BigDecimal("404.95"));
        assertThat(back.key()).isEqualTo("ws-1:e:jane@example.com");
    }

    @Test
    void unknown_fields_from_a_newer_producer_are_ignored() {
        var changed = Json.read("{\"workspaceId\":\"w\",\"profileId\":\"p\",\"version\":3,\"future\":true}", ProfileChanged.class);
        assertThat(changed.version()).isEqualTo(3);
        assertThat(changed.traits()).isEmpty();
    }

    @Test
    void membership_change_serialises_lower_case() {
        var m = new SegmentMembershipChanged("id", "w", "s", "Customers", "p", SegmentMembershipChanged.Change.ENTERED,
                "orders_count >= 1", Instant.EPOCH, 1, Map.of("email", "a@b.c"));
        assertThat(Json.write(m)).contains("\"change\":\"entered\"");
        assertThat(Json.read(Json.write(m), SegmentMembershipChanged.class)).isEqualTo(m);
    }

    @Test
    void message_events_travel_in_the_envelope() {
        var sent = new MessageEvent(MessageEvent.Status.sent, MessageEvent.Channel.email, "run-1:step-1", "j", "run-1",
                "step-1", "smtp", null);
        CustomerEvent envelope = sent.toCustomerEvent("e1", "w", new Identities(null, null, "a@b.c", null, null, null, null, null, "p1"),
                Instant.EPOCH, "journey");

        assertThat(envelope.name()).isEqualTo("Message Sent");
        assertThat(envelope.key()).isEqualTo("w:p:p1");
        assertThat(MessageEvent.of(Json.read(Json.write(envelope), CustomerEvent.class))).contains(sent);
    }

    @Test
    void the_profiles_topic_tells_its_messages_apart_by_type() {
        var changed = new ProfileChanged("w", "p", 2, Instant.EPOCH, "e", Map.of("orders_count", 1));
        var merged = new ProfileMerged("w", "p", "q", Instant.EPOCH);
        var erased = new ProfileErased("w", "p", Instant.EPOCH, "api");

        assertThat(Json.write(changed)).contains("\"type\":\"changed\"");
        assertThat(Json.read(Json.write(changed), ProfileMessage.class)).isEqualTo(changed);
        assertThat(Json.read(Json.write(merged), ProfileMessage.class)).isEqualTo(merged);
        assertThat(Json.read(Json.write(erased), ProfileMessage.class)).isEqualTo(erased);
        // The topic's first version carried ProfileChanged without a type.
        assertThat(Json.read("{\"workspaceId\":\"w\",\"profileId\":\"p\",\"version\":2}", ProfileMessage.class))
                .isInstanceOf(ProfileChanged.class);
    }

    @Test
    void malformed_message_is_an_illegal_argument() {
        assertThatThrownBy(() -> Json.read("{not json", CustomerEvent.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.read("{}", CustomerEvent.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
