package crm.profile.traits;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;
import crm.events.MessageEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TraitFoldTest {
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final TraitFold.Rules RULES = new TraitFold.Rules(new TraitSettings(null, "/b2b"), "FR");
    static final Identities JANE = Identities.of("u1", null, "jane@example.com");
    static int ids;

    static TimelineEvent at(Instant at, EventType type, String name, Map<String, Object> props, Map<String, Object> traits) {
        return new TimelineEvent(at, new CustomerEvent("e" + (++ids), "ws", type, name, JANE, traits, props, null, at, at, "api", null));
    }

    static TimelineEvent track(Instant t, String name, Map<String, Object> props) {
        return at(t, EventType.TRACK, name, props, null);
    }

    static TimelineEvent identify(Instant t, Map<String, Object> traits) {
        return at(t, EventType.IDENTIFY, null, null, traits);
    }

    static TimelineEvent page(Instant t, String url) {
        return at(t, EventType.PAGE, "Page", Map.of("url", url), null);
    }

    static TimelineEvent message(Instant t, MessageEvent.Status status, MessageEvent.Channel channel) {
        return new TimelineEvent(t, new MessageEvent(status, channel, "m", null, null, null, "sendgrid", null)
                .toCustomerEvent("e" + (++ids), "ws", JANE, t, "sendgrid"));
    }

    static Map<String, Object> traits(List<TimelineEvent> events, Instant now) {
        return TraitView.traits(TraitFold.replay(events, RULES), now, RULES.settings());
    }

    static Map<String, Object> order(String id, String total) {
        return Map.of("order_id", id, "total", new BigDecimal(total));
    }

    @Test
    void orders_give_count_spent_basket_and_dates_and_one_order_reported_twice_counts_once() {
        var t = traits(List.of(
                track(T0.plusSeconds(60), "Order Completed", order("1", "19.99")),
                track(T0, "Order Completed", order("2", "0.01")),
                track(T0.plusSeconds(120), "Order Completed", order("1", "19.99"))), T0);

        assertThat(t).containsEntry("orders_count", 2).containsEntry("first_order_date", T0.toString())
                .containsEntry("last_order_date", T0.plusSeconds(60).toString())
                .containsEntry("average_basket", new BigDecimal("10.00"));
        assertThat((BigDecimal) t.get("total_spent")).isEqualByComparingTo("20.00");
    }

    @Test
    void a_cancelled_order_no_longer_counts_and_a_refund_corrects_the_amount_spent() {
        var t = traits(List.of(
                track(T0, "Order Completed", order("1", "100")),
                track(T0.plusSeconds(10), "Order Completed", order("2", "50")),
                track(T0.plusSeconds(20), "Order Completed", order("3", "30")),
                track(T0.plusSeconds(30), "Order Refunded", order("1", "40")),
                track(T0.plusSeconds(40), "Order Cancelled", Map.of("order_id", "2")),
                track(T0.plusSeconds(50), "Order Refunded", Map.of("order_id", "3"))), T0);

        assertThat(t).containsEntry("orders_count", 1).containsEntry("last_order_date", T0.toString());
        assertThat((BigDecimal) t.get("total_spent")).isEqualByComparingTo("60");
    }

    @Test
    void without_orders_there_is_no_basket_and_no_order_dates() {
        assertThat(traits(List.of(identify(T0, Map.of("first_name", "Jane"))), T0))
                .containsEntry("orders_count", 0).doesNotContainKeys("average_basket", "first_order_date", "last_order_date");
    }

    @Test
    void the_latest_non_empty_trait_by_event_time_wins_whatever_order_they_arrive_in() {
        TimelineEvent older = identify(T0, Map.of("firstName", "Janet", "city", "Lyon"));
        TimelineEvent newer = identify(T0.plusSeconds(5), Map.of("first_name", "Jane", "city", " "));

        assertThat(traits(List.of(newer, older), T0)).containsEntry("first_name", "Jane").containsEntry("city", "Lyon");
        assertThat(traits(List.of(older, newer), T0)).containsEntry("first_name", "Jane").containsEntry("city", "Lyon");
    }

    @Test
    void computed_traits_win_over_identify_traits_of_the_same_name() {
        assertThat(traits(List.of(identify(T0, Map.of("orders_count", 99))), T0)).containsEntry("orders_count", 0);
    }

    @Test
    void replaying_any_permutation_of_a_timeline_gives_the_same_traits() {
        List<TimelineEvent> events = new ArrayList<>(List.of(
                identify(T0, Map.of("first_name", "Jane", "email_consent", "subscribed")),
                page(T0.plusSeconds(1), "https://shop.example/b2b/prices"),
                track(T0.plusSeconds(2), "Product Viewed", Map.of("category", "Shoes")),
                track(T0.plusSeconds(3), "Checkout Started", Map.of("checkout_id", "c1", "total", 80)),
                track(T0.plusSeconds(4), "Order Completed", Map.of("order_id", "9", "checkout_id", "c1", "total", 80)),
                message(T0.plusSeconds(5), MessageEvent.Status.opened, MessageEvent.Channel.email),
                track(T0.plusSeconds(6), "Order Refunded", order("9", "20")),
                message(T0.plusSeconds(7), MessageEvent.Status.unsubscribed, MessageEvent.Channel.email),
                identify(T0.plusSeconds(8), Map.of("first_name", "Janine"))));
        Map<String, Object> expected = traits(events, T0.plusSeconds(60));
        Random random = new Random(5);
        for (int i = 0; i < 50; i++) {
            Collections.shuffle(events, random);
            assertThat(traits(events, T0.plusSeconds(60))).isEqualTo(expected);
        }
        // Folding one event at a time in time order gives the same as the replay.
        ProfileState incremental = new ProfileState();
        events.stream().sorted(TimelineEvent.ORDER).forEach(e -> TraitFold.apply(incremental, e, RULES));
        assertThat(TraitView.traits(incremental, T0.plusSeconds(60), RULES.settings())).isEqualTo(expected);
        assertThat(expected).containsEntry("first_name", "Janine").containsEntry("consent_email", "unsubscribed")
                .containsEntry("b2b", true).containsEntry("orders_count", 1).doesNotContainKey("lost_checkout_id");
    }

    @Test
    void visits_opens_clicks_and_product_visits_count_all_time_and_over_30_days() {
        Instant now = T0.plus(Duration.ofDays(40));
        var t = traits(List.of(
                page(T0, "https://shop.example/"),
                page(now.minus(Duration.ofDays(2)), "https://shop.example/"),
                track(now.minus(Duration.ofDays(1)), "Product Viewed", Map.of("category", "Shoes")),
                track(T0, "Product Viewed", Map.of("category", "Shoes")),
                track(now, "Product Added", Map.of("category", "Hats")),
                message(T0, MessageEvent.Status.sent, MessageEvent.Channel.email),
                message(now, MessageEvent.Status.sent, MessageEvent.Channel.email),
                message(now, MessageEvent.Status.sent, MessageEvent.Channel.sms),
                message(now, MessageEvent.Status.opened, MessageEvent.Channel.email),
                message(T0, MessageEvent.Status.clicked, MessageEvent.Channel.email)), now);

        assertThat(t).containsEntry("visits", 2L).containsEntry("visits_30d", 1L)
                .containsEntry("product_visits", 2L).containsEntry("product_visits_30d", 1L)
                .containsEntry("emails_sent", 2L).containsEntry("emails_sent_30d", 1L)
                .containsEntry("emails_opened", 1L).containsEntry("emails_opened_30d", 1L)
                .containsEntry("emails_clicked", 1L).containsEntry("emails_clicked_30d", 0L)
                .containsEntry("category_interest", Map.of("Hats", 2L, "Shoes", 2L))
                // 2 visits + 2 x 1 open + 4 x 1 click + 4 x 2 product visits
                .containsEntry("engagement_score", 16L)
                // 1 visit + 2 x 1 open + 4 x 1 product visit
                .containsEntry("engagement_score_30d", 7L)
                .containsEntry("last_visit", now.minus(Duration.ofDays(1)).toString())
                .containsEntry("last_activity", now.toString());
    }

    @Test
    void engagement_weights_are_the_workspace_s() {
        var weights = new TraitSettings.EngagementWeights(new BigDecimal("0.5"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.TEN);
        ProfileState s = TraitFold.replay(List.of(page(T0, "https://shop.example/"), track(T0, "Product Viewed", Map.of())), RULES);

        assertThat(TraitView.traits(s, T0, new TraitSettings(weights, null))).containsEntry("engagement_score", new BigDecimal("10.5"));
    }

    @Test
    void thirty_day_values_fall_as_days_pass_and_the_next_decay_is_when_the_oldest_day_leaves() {
        Instant day = Instant.parse("2025-06-10T15:00:00Z");
        ProfileState s = TraitFold.replay(List.of(page(day, "https://shop.example/"), page(day.plus(Duration.ofDays(3)), "https://shop.example/")), RULES);

        assertThat(TraitView.traits(s, day.plus(Duration.ofDays(3)), RULES.settings())).containsEntry("visits_30d", 2L);
        assertThat(TraitView.nextDecay(s, day)).contains(Instant.parse("2025-07-10T00:00:00Z"));
        assertThat(TraitView.traits(s, Instant.parse("2025-07-10T00:00:00Z"), RULES.settings())).containsEntry("visits_30d", 1L);
        assertThat(TraitView.nextDecay(s, Instant.parse("2025-07-10T00:00:00Z"))).contains(Instant.parse("2025-07-13T00:00:00Z"));
        assertThat(TraitView.traits(s, Instant.parse("2025-07-13T00:00:00Z"), RULES.settings()))
                .containsEntry("visits_30d", 0L).containsEntry("visits", 2L).containsEntry("engagement_score_30d", 0L);
        assertThat(TraitView.nextDecay(s, Instant.parse("2025-07-13T00:00:00Z"))).isEmpty();
    }

    @Test
    void a_started_checkout_is_lost_until_it_becomes_an_order() {
        TimelineEvent started = track(T0, "Checkout Started", Map.of("checkout_id", "c1", "total", new BigDecimal("80.00"),
                "checkout_url", "https://shop.example/checkouts/c1/recover"));
        var lost = traits(List.of(started), T0);
        assertThat(lost).containsEntry("lost_checkout_id", "c1").containsEntry("lost_checkout_date", T0.toString())
                .containsEntry("lost_checkout_value", new BigDecimal("80.00"))
                .containsEntry("lost_checkout_url", "https://shop.example/checkouts/c1/recover");

        var ordered = traits(List.of(started, track(T0.plusSeconds(60), "Order Completed", Map.of("order_id", "1", "checkout_id", "c1"))), T0);
        assertThat(ordered).doesNotContainKeys("lost_checkout_id", "lost_checkout_date", "lost_checkout_value", "lost_checkout_url");
        var otherOrder = traits(List.of(started, track(T0.plusSeconds(60), "Order Completed", Map.of("order_id", "1", "checkout_id", "c2"))), T0);
        assertThat(otherOrder).containsEntry("lost_checkout_id", "c1");
    }

    @Test
    void signup_lead_source_timezone_nps_and_phone() {
        CustomerEvent withContext = new CustomerEvent("ctx", "ws", EventType.PAGE, "Home", Identities.of(null, "a1", null), null,
                Map.of("url", "https://shop.example/"), Map.of("timezone", "Europe/Paris", "campaign", Map.of("source", "newsletter")),
                T0, T0, "api", null);
        var t = traits(List.of(new TimelineEvent(T0, withContext),
                identify(T0.plusSeconds(10), Map.of("phone", "06 12 34 56 78")),
                identify(T0.plusSeconds(20), Map.of("first_name", "Jane")),
                track(T0.plusSeconds(30), "NPS Submitted", Map.of("score", 9))), T0);

        assertThat(t).containsEntry("signup_date", T0.plusSeconds(10).toString()).containsEntry("lead_source", "newsletter")
                .containsEntry("timezone", "Europe/Paris").containsEntry("nps", 9).containsEntry("phone", "+33612345678")
                .containsEntry("b2b", false);
    }

    @Test
    void consent_comes_from_identify_traits_message_events_and_the_preference_centre_with_its_history() {
        var s = TraitFold.replay(List.of(
                identify(T0, Map.of("email_marketing_consent", Map.of("state", "subscribed", "opt_in_level", "single_opt_in"),
                        "accepts_sms_marketing", true)),
                identify(T0.plusSeconds(1), Map.of("sms_consent", Map.of("state", "unsubscribed"))),
                message(T0.plusSeconds(2), MessageEvent.Status.spam_reported, MessageEvent.Channel.email),
                track(T0.plusSeconds(3), TraitFold.CONSENT_CHANGED, Map.of("channel", "whatsapp", "status", "subscribed", "source", "preference_centre"))),
                RULES);
        var t = TraitView.traits(s, T0, RULES.settings());

        assertThat(t).containsEntry("consent_email", "unsubscribed").containsEntry("consent_sms", "unsubscribed")
                .containsEntry("consent_whatsapp", "subscribed").doesNotContainKeys("email_marketing_consent", "sms_consent", "accepts_sms_marketing");
        assertThat(s.consent.get("email")).isEqualTo(new ProfileState.Consent("unsubscribed", "sendgrid", T0.plusSeconds(2)));
        assertThat(s.consentHistory).extracting(ProfileState.ConsentChange::channel, ProfileState.ConsentChange::status,
                ProfileState.ConsentChange::source).containsExactly(
                org.assertj.core.groups.Tuple.tuple("email", "subscribed", "api"),
                org.assertj.core.groups.Tuple.tuple("sms", "subscribed", "api"),
                org.assertj.core.groups.Tuple.tuple("sms", "unsubscribed", "api"),
                org.assertj.core.groups.Tuple.tuple("email", "unsubscribed", "sendgrid"),
                org.assertj.core.groups.Tuple.tuple("whatsapp", "subscribed", "preference_centre"));
        assertThat(TraitView.traits(new ProfileState(), T0, RULES.settings())).containsEntry("consent_email", "never_asked");
    }

    @Test
    void quiz_results_and_the_last_email_open_and_click_are_traits() {
        var t = traits(List.of(
                track(T0, "Quiz Completed", Map.of("result", "dry skin")),
                track(T0.plusSeconds(60), "Quiz Completed", Map.of("quiz_result", "oily skin")),
                message(T0.plusSeconds(120), MessageEvent.Status.opened, MessageEvent.Channel.email),
                message(T0.plusSeconds(180), MessageEvent.Status.clicked, MessageEvent.Channel.email),
                message(T0.plusSeconds(240), MessageEvent.Status.opened, MessageEvent.Channel.sms)), T0);
        assertThat(t).containsEntry("quiz_result", "oily skin")
                .containsEntry("last_email_opened", T0.plusSeconds(120).toString())
                .containsEntry("last_email_clicked", T0.plusSeconds(180).toString());
    }

    @Test
    void the_state_survives_its_json_round_trip() {
        ProfileState s = TraitFold.replay(List.of(identify(T0, Map.of("first_name", "Jane")), page(T0, "https://shop.example/"),
                track(T0, "Order Completed", order("1", "10.50"))), RULES);
        ProfileState back = crm.events.Json.read(crm.events.Json.write(s), ProfileState.class);

        assertThat(TraitView.traits(back, T0, RULES.settings())).isEqualTo(TraitView.traits(s, T0, RULES.settings()));
    }
}
