package crm.profile.traits;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;
import crm.events.MessageEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileFoldTest {
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    static Profile fresh() {
        return Profile.empty("0b6f3f0e-7f43-4c1a-9a2a-3c5d7e9f1a2b", "ws", T0);
    }

    static CustomerEvent identify(String id, Map<String, Object> traits) {
        return new CustomerEvent(id, "ws", EventType.IDENTIFY, null, Identities.of("u1", null, null), traits, null, null, T0, T0, "api", null);
    }

    static CustomerEvent order(String id, Map<String, Object> properties, Instant at) {
        return new CustomerEvent(id, "ws", EventType.TRACK, "Order Completed", Identities.of(null, null, "jane@example.com"),
                null, properties, null, at, at, "shopify", null);
    }

    static CustomerEvent messageSent(String id, MessageEvent.Channel channel) {
        return new MessageEvent(MessageEvent.Status.sent, channel, "run-1:step-1", "j1", "run-1", "step-1", "smtp", null)
                .toCustomerEvent(id, "ws", Identities.of(null, null, "jane@example.com"), T0, "journey");
    }

    @Test
    void identify_stores_traits_in_snake_case() {
        Profile p = ProfileFold.fold(fresh(), identify("e1", Map.of("firstName", "Jane", "Last Name", "Doe", "phone", "+33600000000")), false, NOW);

        assertThat(p.traits()).containsEntry("first_name", "Jane").containsEntry("last_name", "Doe")
                .containsEntry("phone", "+33600000000");
    }

    @Test
    void latest_non_empty_trait_wins_and_blanks_erase_nothing() {
        Profile p = ProfileFold.fold(fresh(), identify("e1", Map.of("first_name", "Jane", "city", "Lyon")), false, NOW);
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("first_name", "Janet");
        second.put("city", "  ");
        second.put("lastName", null);
        p = ProfileFold.fold(p, identify("e2", second), false, NOW);

        assertThat(p.traits()).containsEntry("first_name", "Janet").containsEntry("city", "Lyon").doesNotContainKey("last_name");
    }

    @Test
    void identify_email_trait_is_normalised() {
        Profile p = ProfileFold.fold(fresh(), identify("e1", Map.of("email", "  Jane@Example.COM ")), false, NOW);

        assertThat(p.traits()).containsEntry("email", "jane@example.com");
    }

    @Test
    void the_email_an_event_names_becomes_the_profile_email() {
        Profile p = ProfileFold.fold(fresh(), order("o1", Map.of("total", new BigDecimal("10")), T0), false, NOW);

        assertThat(p.traits()).containsEntry("email", "jane@example.com");
    }

    @Test
    void order_completed_counts_the_order_and_its_total_exactly() {
        Profile p = ProfileFold.fold(fresh(), order("o1", Map.of("total", new BigDecimal("19.99")), T0), false, NOW);
        p = ProfileFold.fold(p, order("o2", Map.of("total", new BigDecimal("0.01")), T0.plusSeconds(60)), false, NOW);

        assertThat(p.ordersCount()).isEqualTo(2);
        assertThat(p.totalSpent()).isEqualByComparingTo("20.00");
    }

    @Test
    void order_without_total_uses_revenue() {
        Profile p = ProfileFold.fold(fresh(), order("o1", Map.of("revenue", new BigDecimal("42.50")), T0), false, NOW);

        assertThat(p.totalSpent()).isEqualByComparingTo("42.50");
    }

    @Test
    void order_without_total_nor_revenue_sums_its_products() {
        Map<String, Object> props = Map.of("products", List.of(
                Map.of("price", new BigDecimal("10.10"), "quantity", 3),
                Map.of("price", "5.05")));
        Profile p = ProfileFold.fold(fresh(), order("o1", props, T0), false, NOW);

        assertThat(p.totalSpent()).isEqualByComparingTo("35.35");
    }

    @Test
    void order_without_any_amount_still_counts_as_an_order() {
        Profile p = ProfileFold.fold(fresh(), order("o1", Map.of(), T0), false, NOW);

        assertThat(p.ordersCount()).isEqualTo(1);
        assertThat(p.totalSpent()).isEqualByComparingTo("0");
    }

    @Test
    void orders_folded_out_of_order_keep_the_earliest_first_and_latest_last_date() {
        Instant early = Instant.parse("2025-01-10T08:00:00Z");
        Instant late = Instant.parse("2025-02-20T08:00:00Z");
        Instant middle = Instant.parse("2025-02-01T08:00:00Z");
        Profile p = ProfileFold.fold(fresh(), order("o2", Map.of("total", 1), late), false, NOW);
        p = ProfileFold.fold(p, order("o1", Map.of("total", 1), early), false, NOW);
        p = ProfileFold.fold(p, order("o3", Map.of("total", 1), middle), false, NOW);

        assertThat(p.firstOrderDate()).isEqualTo(early);
        assertThat(p.lastOrderDate()).isEqualTo(late);
    }

    @Test
    void order_dates_are_kept_to_the_microsecond_as_stored() {
        Profile p = ProfileFold.fold(fresh(), order("o1", Map.of("total", 1), Instant.parse("2025-01-10T08:00:00.123456789Z")), false, NOW);

        assertThat(p.firstOrderDate()).isEqualTo(Instant.parse("2025-01-10T08:00:00.123456Z"));
        assertThat(p.lastOrderDate()).isEqualTo(Instant.parse("2025-01-10T08:00:00.123456Z"));
    }

    @Test
    void an_order_counted_before_changes_no_figure() {
        Profile p = ProfileFold.fold(fresh(), order("o1", Map.of("total", 10), T0), false, NOW);
        Profile again = ProfileFold.fold(p, order("o1-webhook", Map.of("total", 10), T0.minusSeconds(3600)), true, NOW);

        assertThat(again.ordersCount()).isEqualTo(1);
        assertThat(again.totalSpent()).isEqualByComparingTo("10");
        assertThat(again.firstOrderDate()).isEqualTo(T0);
    }

    @Test
    void email_sent_counts_emails_but_not_sms_nor_opens() {
        Profile p = ProfileFold.fold(fresh(), messageSent("m1", MessageEvent.Channel.email), false, NOW);
        p = ProfileFold.fold(p, messageSent("m2", MessageEvent.Channel.sms), false, NOW);
        CustomerEvent opened = new MessageEvent(MessageEvent.Status.opened, MessageEvent.Channel.email, "run-1:step-1", null, null, null, null, null)
                .toCustomerEvent("m3", "ws", Identities.of(null, null, "jane@example.com"), T0, "sendgrid");
        p = ProfileFold.fold(p, opened, false, NOW);

        assertThat(p.emailsSent()).isEqualTo(1);
    }

    @Test
    void every_fold_bumps_the_version_and_names_its_cause() {
        Profile p = ProfileFold.fold(fresh(), identify("e1", Map.of("first_name", "Jane")), false, NOW);
        p = ProfileFold.fold(p, identify("e2", Map.of()), false, NOW.plusSeconds(1));

        assertThat(p.version()).isEqualTo(2);
        assertThat(p.lastEventId()).isEqualTo("e2");
        assertThat(p.updatedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(p.createdAt()).isEqualTo(T0);
    }

    @Test
    void a_page_view_changes_no_figure() {
        CustomerEvent page = new CustomerEvent("p1", "ws", EventType.PAGE, "Home", Identities.of(null, "anon-1", null),
                null, Map.of("url", "https://shop.example/"), null, T0, T0, "api", null);
        Profile p = ProfileFold.fold(fresh(), page, false, NOW);

        assertThat(p.ordersCount()).isZero();
        assertThat(p.emailsSent()).isZero();
        assertThat(p.traits()).isEmpty();
    }

    @Test
    void order_id_is_read_from_order_completed_only() {
        assertThat(ProfileFold.orderId(order("o1", Map.of("order_id", 1001), T0))).contains("1001");
        assertThat(ProfileFold.orderId(order("o1", Map.of("order_id", " "), T0))).isEmpty();
        assertThat(ProfileFold.orderId(identify("e1", Map.of()))).isEmpty();
    }
}
