package crm.profile.computed;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;
import crm.profile.traits.ProfileState;
import crm.profile.traits.TimelineEvent;
import crm.profile.traits.TraitFold;
import crm.profile.traits.TraitSettings;
import crm.profile.traits.TraitView;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure fold of custom computed traits, through the profile fold and view as the service runs them. */
class ComputedTraitFoldTest {
    static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    static final Duration DAY = Duration.ofDays(1);

    static ComputedTrait trait(String name, ComputedTrait.Kind kind, String event, String property, ComputedTrait.Filter where, Integer days) {
        return new ComputedTrait(UUID.nameUUIDFromBytes(name.getBytes()), name, new ComputedTrait.Definition(kind, event, property, where, days), 1);
    }

    static final ComputedTrait EUR_ORDERS = trait("eur_orders", ComputedTrait.Kind.count, "Order Completed", null,
            new ComputedTrait.Filter("currency", "EUR"), null);
    static final ComputedTrait ORDERS_7D = trait("orders_7d", ComputedTrait.Kind.count, "Order Completed", null, null, 7);
    static final ComputedTrait SPENT_7D = trait("spent_7d", ComputedTrait.Kind.sum, "Order Completed", "total", null, 7);
    static final ComputedTrait SPENT = trait("spent_all_time", ComputedTrait.Kind.sum, "Order Completed", "total", null, null);
    static final ComputedTrait LAST_CATEGORY = trait("last_category", ComputedTrait.Kind.last, "Product Viewed", "product.category", null, null);
    static final List<ComputedTrait> ALL = List.of(EUR_ORDERS, ORDERS_7D, SPENT_7D, SPENT, LAST_CATEGORY);
    static final TraitFold.Rules RULES = new TraitFold.Rules(TraitSettings.DEFAULT, "US", ALL);

    static TimelineEvent track(String name, Map<String, Object> properties, Instant at) {
        return new TimelineEvent(at, new CustomerEvent(UUID.randomUUID().toString(), "ws", EventType.TRACK, name,
                Identities.of("u1", null, null), null, properties, null, at, at, "api", null));
    }

    static TimelineEvent order(String currency, String total, Instant at) {
        return track("Order Completed", Map.of("order_id", UUID.randomUUID().toString(), "currency", currency, "total", new BigDecimal(total)), at);
    }

    static Map<String, Object> traits(ProfileState s, Instant now) {
        Map<String, Object> t = new LinkedHashMap<>();
        ComputedTraitFold.addTo(t, ALL, s.computed, Map.of(), now);
        return t;
    }

    @Test
    void count_with_a_property_filter_counts_only_matching_events_all_time() {
        ProfileState s = TraitFold.replay(List.of(order("EUR", "10", T0), order("USD", "20", T0.plusSeconds(1)),
                order("EUR", "5", T0.plus(DAY.multipliedBy(400)))), RULES);
        assertThat(traits(s, T0.plus(DAY.multipliedBy(800)))).containsEntry("eur_orders", 2L);
    }

    @Test
    void windowed_counts_and_sums_fall_as_days_pass_and_say_when_they_next_fall() {
        ProfileState s = TraitFold.replay(List.of(order("EUR", "10.50", T0), order("EUR", "4.25", T0.plus(DAY.multipliedBy(3)))), RULES);

        assertThat(traits(s, T0.plus(DAY.multipliedBy(3)))).containsEntry("orders_7d", 2L).containsEntry("spent_7d", new BigDecimal("14.75"))
                .containsEntry("spent_all_time", new BigDecimal("14.75"));
        // The first order's day (June 1st) leaves the 7-day window at the start of June 8th.
        assertThat(ComputedTraitFold.nextDecay(s.computed.values(), T0.plus(DAY.multipliedBy(3)))).contains(Instant.parse("2025-06-08T00:00:00Z"));
        assertThat(traits(s, Instant.parse("2025-06-08T00:00:00Z"))).containsEntry("orders_7d", 1L).containsEntry("spent_7d", new BigDecimal("4.25"));
        assertThat(traits(s, Instant.parse("2025-06-11T00:00:00Z"))).containsEntry("orders_7d", 0L).containsEntry("spent_7d", 0L)
                .containsEntry("spent_all_time", new BigDecimal("14.75"));
        assertThat(ComputedTraitFold.nextDecay(s.computed.values(), Instant.parse("2025-06-11T00:00:00Z"))).isEmpty();
        // The profile's own next decay takes the custom windows into account.
        assertThat(TraitView.nextDecay(s, T0.plus(DAY.multipliedBy(3)))).contains(Instant.parse("2025-06-08T00:00:00Z"));
    }

    @Test
    void last_value_is_the_latest_non_empty_value_by_event_time_whatever_the_arrival_order() {
        TimelineEvent shoes = track("Product Viewed", Map.of("product", Map.of("category", "Shoes")), T0);
        TimelineEvent hats = track("Product Viewed", Map.of("product", Map.of("category", "Hats")), T0.plusSeconds(60));
        TimelineEvent none = track("Product Viewed", Map.of("product", Map.of("category", " ")), T0.plusSeconds(120));

        assertThat(traits(TraitFold.replay(List.of(none, hats, shoes), RULES), T0)).containsEntry("last_category", "Hats");
        // A profile with no matching event: counts are 0, there is no last value.
        assertThat(traits(TraitFold.replay(List.of(order("USD", "1", T0)), RULES), T0)).doesNotContainKey("last_category")
                .containsEntry("eur_orders", 0L);
    }

    @Test
    void incremental_folding_equals_a_replay_of_the_timeline_for_seeded_random_histories() {
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            List<TimelineEvent> events = new ArrayList<>();
            int n = 1 + random.nextInt(15);
            for (int i = 0; i < n; i++) {
                Instant at = T0.plus(Duration.ofHours(random.nextInt(24 * 40)));
                events.add(random.nextBoolean()
                        ? order(random.nextBoolean() ? "EUR" : "USD", String.valueOf(random.nextInt(100)), at)
                        : track("Product Viewed", Map.of("product", Map.of("category", "c" + random.nextInt(4))), at));
            }
            Collections.sort(events, TimelineEvent.ORDER);
            ProfileState incremental = new ProfileState();
            for (TimelineEvent e : events) TraitFold.apply(incremental, e, RULES);
            Collections.shuffle(events, random);
            ProfileState replayed = TraitFold.replay(events, RULES);
            Instant now = T0.plus(Duration.ofHours(random.nextInt(24 * 60)));
            assertThat(traits(incremental, now)).as("seed %d", seed).isEqualTo(traits(replayed, now));
        }
    }

    @Test
    void a_value_folded_under_an_older_revision_is_stale_and_keeps_the_published_value_until_the_backfill() {
        ProfileState s = TraitFold.replay(List.of(order("EUR", "10", T0)), RULES);
        assertThat(ComputedTraitFold.upToDate(s.computed, ALL)).isTrue();
        ComputedTrait edited = new ComputedTrait(EUR_ORDERS.id(), "eur_orders", new ComputedTrait.Definition(ComputedTrait.Kind.count,
                "Order Completed", null, new ComputedTrait.Filter("currency", "USD"), null), 2);
        ComputedTrait added = trait("visits_x", ComputedTrait.Kind.count, "Home", null, null, null);

        assertThat(ComputedTraitFold.upToDate(s.computed, List.of(edited))).isFalse();
        assertThat(ComputedTraitFold.upToDate(s.computed, List.of(SPENT, added))).isFalse();
        Map<String, Object> t = new LinkedHashMap<>();
        ComputedTraitFold.addTo(t, List.of(edited), s.computed, Map.of("eur_orders", 1), T0);
        assertThat(t).containsEntry("eur_orders", 1);
    }

    @Test
    void values_of_deleted_definitions_are_dropped_at_the_next_fold() {
        ProfileState s = TraitFold.replay(List.of(order("EUR", "10", T0)), RULES);
        TraitFold.apply(s, order("EUR", "1", T0.plusSeconds(5)), new TraitFold.Rules(TraitSettings.DEFAULT, "US", List.of(SPENT)));
        assertThat(s.computed).containsOnlyKeys(SPENT.key());
    }

    @Test
    void filters_compare_numbers_as_numbers_and_booleans_loosely() {
        assertThat(ComputedTraitFold.sameValue(5, new BigDecimal("5.0"))).isTrue();
        assertThat(ComputedTraitFold.sameValue("5", 5)).isTrue();
        assertThat(ComputedTraitFold.sameValue("true", true)).isTrue();
        assertThat(ComputedTraitFold.sameValue("EUR", "eur")).isFalse();
        assertThat(ComputedTraitFold.sameValue(null, "EUR")).isFalse();
    }

    @Test
    void traits_of_the_profile_view_carry_the_custom_values_under_their_names() {
        ProfileState s = TraitFold.replay(List.of(order("EUR", "10", T0)), RULES);
        var profile = TraitView.profile(crm.profile.traits.Profile.empty("p1", "ws", T0), s, 1, "e1", T0, TraitSettings.DEFAULT, ALL);
        assertThat(profile.traits()).containsEntry("eur_orders", 1L).containsEntry("orders_count", 1).containsEntry("orders_7d", 1L);
    }
}
