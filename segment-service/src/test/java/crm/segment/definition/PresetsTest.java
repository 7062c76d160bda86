package crm.segment.definition;

import crm.events.PresetSegments;
import crm.segment.condition.Evaluation;
import crm.segment.condition.Facts;
import crm.segment.condition.Population;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each preset on hand-built profiles at the edges of its rule (the rules as documented in segment-service/README.md). */
class PresetsTest {
    static final Instant NOW = Instant.parse("2025-05-31T12:00:00Z");
    static final Population POPULATION = new Population(
            Map.of(Population.topKey("engagement_score", BigDecimal.TEN), new Population.Top(new BigDecimal("49")),
                    Population.topKey("total_spent", BigDecimal.TEN), new Population.Top(new BigDecimal("999.99"))),
            Map.of("average_basket", new BigDecimal("40")),
            Map.of("rfm_recency", millis(List.of(NOW.minus(Duration.ofDays(200)), NOW.minus(Duration.ofDays(100)),
                            NOW.minus(Duration.ofDays(50)), NOW.minus(Duration.ofDays(20)))),
                    "rfm_frequency", decimals(1, 2, 3, 5),
                    "rfm_monetary", decimals(50, 100, 200, 400)));

    private static List<BigDecimal> millis(List<Instant> instants) {
        return instants.stream().map(i -> BigDecimal.valueOf(i.toEpochMilli())).toList();
    }

    private static List<BigDecimal> decimals(int... values) {
        return java.util.Arrays.stream(values).mapToObj(BigDecimal::valueOf).toList();
    }

    private static String ago(Duration d) {
        return NOW.minus(d).toString();
    }

    private static boolean in(String key, Map<String, Object> traits) {
        Segment preset = Presets.of("ws", key);
        WorkspaceSegments all = new WorkspaceSegments(Presets.of("ws"));
        return preset.condition().matches(Facts.of(traits), new Evaluation(NOW, POPULATION, all.lookup()));
    }

    @Test
    void every_workspace_starts_with_all_the_presets_of_the_design_brief() {
        assertThat(Presets.of("ws-1")).extracting(Segment::name).containsExactly("Welcome", "Lost checkout", "Customers", "Loyal",
                "High-value", "High-potential leads", "Churned", "Slipping away", "Potential re-order", "Recent customers", "Fans",
                "B2B", "RFM Champions", "RFM Loyal", "RFM Potential", "RFM At risk", "RFM Lost", "New subscribers",
                "First-time buyers", "Repeat buyers", "VIP", "At risk (60+ days)", "Churned (120+ days)");
        Set<String> names = new HashSet<>();
        Presets.of("ws-1").forEach(s -> assertThat(names.add(s.name().toLowerCase())).as("unique name " + s.name()).isTrue());
        assertThat(Presets.of("ws-1", "customers").id()).isEqualTo(PresetSegments.id("ws-1", PresetSegments.CUSTOMERS));
        assertThat(Presets.of("ws-1")).isEqualTo(Presets.of("ws-1"));
        assertThat(Presets.of("ws-1").get(0).id()).isNotEqualTo(Presets.of("ws-2").get(0).id());
    }

    @Test
    void presets_added_after_a_version_are_the_ones_a_workspace_of_that_version_lacks() {
        assertThat(Presets.since("ws-1", 0)).isEqualTo(Presets.of("ws-1"));
        assertThat(Presets.since("ws-1", 1)).extracting(Segment::presetKey).hasSize(22).doesNotContain(PresetSegments.CUSTOMERS);
        assertThat(Presets.since("ws-1", Presets.VERSION)).isEmpty();
        assertThat(Presets.DEFINITIONS).allSatisfy(d -> assertThat(d.since()).isBetween(1, Presets.VERSION));
    }

    @Test
    void welcome_is_signed_up_less_than_15_days_ago() {
        assertThat(in("welcome", Map.of("signup_date", ago(Duration.ofDays(15).minusSeconds(1))))).isTrue();
        assertThat(in("welcome", Map.of("signup_date", ago(Duration.ofDays(15))))).isFalse();
        assertThat(in("welcome", Map.of())).isFalse();
    }

    @Test
    void lost_checkout_is_a_checkout_lost_within_2_hours() {
        assertThat(in("lost_checkout", Map.of("lost_checkout_date", ago(Duration.ofHours(2))))).isTrue();
        assertThat(in("lost_checkout", Map.of("lost_checkout_date", ago(Duration.ofHours(2).plusMillis(1))))).isFalse();
        assertThat(in("lost_checkout", Map.of())).as("cleared once it became an order").isFalse();
    }

    @Test
    void customers_loyal_first_time_and_repeat_buyers_count_orders() {
        assertThat(in("customers", Map.of("orders_count", 1))).isTrue();
        assertThat(in("customers", Map.of("orders_count", 0))).isFalse();
        assertThat(in("loyal", Map.of("orders_count", 2))).isTrue();
        assertThat(in("loyal", Map.of("orders_count", 1))).isFalse();
        assertThat(in("repeat_buyers", Map.of("orders_count", 2))).isTrue();
        assertThat(in("repeat_buyers", Map.of("orders_count", 1))).isFalse();
        assertThat(in("first_time_buyers", Map.of("orders_count", 1))).isTrue();
        assertThat(in("first_time_buyers", Map.of("orders_count", 2))).isFalse();
        assertThat(in("first_time_buyers", Map.of("orders_count", 0))).isFalse();
    }

    @Test
    void high_value_is_an_average_basket_above_one_and_a_half_times_the_workspace_average() {
        assertThat(in("high_value", Map.of("average_basket", new BigDecimal("60.01")))).isTrue();
        assertThat(in("high_value", Map.of("average_basket", 60))).isFalse();
    }

    @Test
    void high_potential_leads_have_no_order_and_more_than_2_product_visits_in_30_days() {
        assertThat(in("high_potential_leads", Map.of("orders_count", 0, "product_visits_30d", 3))).isTrue();
        assertThat(in("high_potential_leads", Map.of("product_visits_30d", 3))).isTrue();
        assertThat(in("high_potential_leads", Map.of("orders_count", 0, "product_visits_30d", 2))).isFalse();
        assertThat(in("high_potential_leads", Map.of("orders_count", 1, "product_visits_30d", 9))).isFalse();
    }

    @Test
    void churned_is_a_last_order_more_than_3_months_ago() {
        assertThat(in("churned", Map.of("last_order_date", "2025-02-28T11:59:59Z"))).isTrue();
        assertThat(in("churned", Map.of("last_order_date", "2025-02-28T12:00:00Z"))).isFalse();
    }

    @Test
    void slipping_away_is_a_last_activity_more_than_2_months_ago() {
        assertThat(in("slipping_away", Map.of("last_activity", "2025-03-31T11:59:59Z"))).isTrue();
        assertThat(in("slipping_away", Map.of("last_activity", "2025-03-31T12:00:00Z"))).isFalse();
    }

    @Test
    void potential_reorder_is_one_order_over_30_days_ago_and_more_than_one_product_visit() {
        String oldOrder = ago(Duration.ofDays(30).plusSeconds(1));
        assertThat(in("potential_reorder", Map.of("orders_count", 1, "last_order_date", oldOrder, "product_visits_30d", 2))).isTrue();
        assertThat(in("potential_reorder", Map.of("orders_count", 1, "last_order_date", oldOrder, "product_visits_30d", 1))).isFalse();
        assertThat(in("potential_reorder", Map.of("orders_count", 1, "last_order_date", ago(Duration.ofDays(30)), "product_visits_30d", 2))).isFalse();
        assertThat(in("potential_reorder", Map.of("orders_count", 2, "last_order_date", oldOrder, "product_visits_30d", 2))).isFalse();
    }

    @Test
    void recent_customers_ordered_less_than_10_days_ago() {
        assertThat(in("recent_customers", Map.of("last_order_date", ago(Duration.ofDays(10).minusSeconds(1))))).isTrue();
        assertThat(in("recent_customers", Map.of("last_order_date", ago(Duration.ofDays(10))))).isFalse();
    }

    @Test
    void fans_are_customers_in_the_top_10_percent_of_engagement() {
        assertThat(in("fans", Map.of("orders_count", 1, "engagement_score", 50))).isTrue();
        assertThat(in("fans", Map.of("orders_count", 1, "engagement_score", 49))).isFalse();
        assertThat(in("fans", Map.of("orders_count", 0, "engagement_score", 90))).isFalse();
    }

    @Test
    void b2b_visited_the_b2b_page() {
        assertThat(in("b2b", Map.of("b2b", true))).isTrue();
        assertThat(in("b2b", Map.of("b2b", false))).isFalse();
        assertThat(in("b2b", Map.of())).isFalse();
    }

    @Test
    void new_subscribers_are_email_subscribed_and_signed_up_within_30_days() {
        assertThat(in("new_subscribers", Map.of("consent_email", "subscribed", "signup_date", ago(Duration.ofDays(30))))).isTrue();
        assertThat(in("new_subscribers", Map.of("consent_email", "subscribed", "signup_date", ago(Duration.ofDays(30).plusMillis(1))))).isFalse();
        assertThat(in("new_subscribers", Map.of("consent_email", "never_asked", "signup_date", ago(Duration.ofDays(1))))).isFalse();
    }

    @Test
    void vip_is_a_customer_in_the_top_10_percent_by_total_spent() {
        assertThat(in("vip", Map.of("orders_count", 3, "total_spent", 1000))).isTrue();
        assertThat(in("vip", Map.of("orders_count", 3, "total_spent", new BigDecimal("999.99")))).isFalse();
    }

    @Test
    void at_risk_is_a_last_order_60_to_120_days_ago_and_churned_120_beyond() {
        assertThat(in("at_risk_60d", Map.of("last_order_date", ago(Duration.ofDays(60))))).isTrue();
        assertThat(in("at_risk_60d", Map.of("last_order_date", ago(Duration.ofDays(60).minusMillis(1))))).isFalse();
        assertThat(in("at_risk_60d", Map.of("last_order_date", ago(Duration.ofDays(120))))).isFalse();
        assertThat(in("churned_120d", Map.of("last_order_date", ago(Duration.ofDays(120))))).isTrue();
        assertThat(in("churned_120d", Map.of("last_order_date", ago(Duration.ofDays(120).minusMillis(1))))).isFalse();
    }

    /** A customer with these scores (from the boundaries above): recency by days since the last order. */
    private static Map<String, Object> scored(int recencyDaysAgo, int orders, int spent) {
        return Map.of("orders_count", orders, "last_order_date", ago(Duration.ofDays(recencyDaysAgo)), "total_spent", spent);
    }

    @Test
    void rfm_champions_score_at_least_4_on_all_three() {
        // 30 days ago: above 3 boundaries (200, 100, 50 days) = 4; 4 orders > 1, 2, 3 = 4; 250 > 50, 100, 200 = 4
        assertThat(in("rfm_champions", scored(30, 4, 250))).isTrue();
        assertThat(in("rfm_champions", scored(30, 3, 250))).as("frequency 3").isFalse();
        assertThat(in("rfm_champions", scored(60, 4, 250))).as("recency 3").isFalse();
        assertThat(in("rfm_champions", scored(30, 4, 200))).as("monetary 3").isFalse();
    }

    @Test
    void rfm_loyal_is_recent_frequent_and_medium_spend() {
        assertThat(in("rfm_loyal", scored(60, 3, 60))).isTrue(); // r3 f3 m2
        assertThat(in("rfm_loyal", scored(60, 3, 200))).isTrue(); // m3
        assertThat(in("rfm_loyal", scored(60, 3, 201))).as("m4").isFalse();
        assertThat(in("rfm_loyal", scored(60, 3, 50))).as("m1").isFalse();
        assertThat(in("rfm_loyal", scored(60, 2, 60))).as("f2").isFalse();
        assertThat(in("rfm_loyal", scored(101, 3, 60))).as("r2").isFalse();
    }

    @Test
    void rfm_potential_is_recent_first_purchase_medium_spend() {
        assertThat(in("rfm_potential", scored(30, 1, 60))).isTrue(); // r4, 1 order, m2
        assertThat(in("rfm_potential", scored(30, 1, 400))).isTrue(); // m4
        assertThat(in("rfm_potential", scored(30, 1, 401))).as("m5").isFalse();
        assertThat(in("rfm_potential", scored(30, 2, 60))).as("second order").isFalse();
        assertThat(in("rfm_potential", scored(60, 1, 60))).as("r3").isFalse();
    }

    @Test
    void rfm_at_risk_and_lost_used_to_buy_regularly() {
        assertThat(in("rfm_at_risk", scored(150, 3, 100))).isTrue(); // r2 f3
        assertThat(in("rfm_at_risk", scored(150, 2, 100))).as("f2").isFalse();
        assertThat(in("rfm_at_risk", scored(250, 3, 100))).as("r1").isFalse();
        assertThat(in("rfm_lost", scored(250, 3, 100))).isTrue(); // r1 f3
        assertThat(in("rfm_lost", scored(200, 3, 100))).as("on the boundary: r1").isTrue();
        assertThat(in("rfm_lost", scored(199, 3, 100))).as("r2").isFalse();
        assertThat(in("rfm_lost", scored(250, 2, 100))).as("f2").isFalse();
    }

    @Test
    void non_customers_have_no_rfm_segment() {
        for (String key : List.of("rfm_champions", "rfm_loyal", "rfm_potential", "rfm_at_risk", "rfm_lost")) {
            assertThat(in(key, scored(250, 0, 0))).as(key).isFalse();
        }
    }

    @Test
    void presets_need_their_statistics() {
        Segment fans = Presets.of("ws", "fans");
        assertThat(fans.condition().matches(Facts.of(Map.of("orders_count", 1, "engagement_score", 90)),
                new Evaluation(NOW, Population.NONE, ref -> Optional.empty()))).isFalse();
    }
}
