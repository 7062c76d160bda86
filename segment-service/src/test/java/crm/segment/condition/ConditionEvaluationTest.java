package crm.segment.condition;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionEvaluationTest {
    static final Instant NOW = Instant.parse("2025-05-31T12:00:00Z");

    private static boolean matches(String condition, Map<String, ?> traits) {
        return matches(condition, traits, Evaluation.at(NOW));
    }

    private static boolean matches(String condition, Map<String, ?> traits, Evaluation evaluation) {
        return Condition.parse(condition).matches(Facts.of(traits), evaluation);
    }

    private static String ago(Duration d) {
        return NOW.minus(d).toString();
    }

    @Test
    void numbers_compare_by_value_whatever_their_java_type() {
        assertThat(matches("total_spent = 1", Map.of("total_spent", new BigDecimal("1.00")))).isTrue();
        assertThat(matches("total_spent = 1.0", Map.of("total_spent", 1L))).isTrue();
        assertThat(matches("total_spent < 0.3", Map.of("total_spent", 0.1 + 0.2))).isFalse(); // 0.30000000000000004, exactly
        assertThat(matches("total_spent >= 99999999999999999999", Map.of("total_spent", new BigInteger("100000000000000000000")))).isTrue();
        assertThat(matches("orders_count != 3", Map.of("orders_count", (short) 4))).isTrue();
        assertThat(matches("orders_count != 1", Map.of("orders_count", Double.NaN))).isFalse();
    }

    @Test
    void a_missing_or_mistyped_value_fails_every_test_but_not_of_it_holds() {
        assertThat(matches("orders_count != 1", Map.of())).isFalse();
        assertThat(matches("orders_count >= 1", Map.of("orders_count", "3"))).isFalse();
        assertThat(matches("not (orders_count >= 1)", Map.of())).isTrue();
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("email", null);
        assertThat(matches("email exists", withNull)).isFalse();
        assertThat(matches("email exists", Map.of("email", "a@b.c"))).isTrue();
    }

    @Test
    void text_compares_by_code_point_and_contains_is_case_sensitive() {
        assertThat(matches("country < \"a\"", Map.of("country", "Z"))).isTrue(); // upper case sorts first in code point order
        assertThat(matches("email contains \"@Gmail\"", Map.of("email", "jane@gmail.com"))).isFalse();
        assertThat(matches("email contains \"@gmail\"", Map.of("email", "jane@gmail.com"))).isTrue();
        assertThat(matches("country in (\"FR\", \"BE\")", Map.of("country", "BE"))).isTrue();
        assertThat(matches("country in (\"FR\", \"BE\")", Map.of("country", "DE"))).isFalse();
    }

    @Test
    void tags_contains_is_one_whole_element_compared_case_insensitively() {
        Map<String, Object> vip = Map.of("tags", List.of("VIP", "Wholesale"));
        assertThat(matches("tags contains \"VIP\"", vip)).isTrue();
        assertThat(matches("tags contains \"vip\"", vip)).isTrue();
        assertThat(matches("tags contains \" wholesale \"", vip)).isTrue();
        assertThat(matches("tags contains \"VI\"", vip)).isFalse(); // an element, not a fragment of one
        assertThat(matches("tags contains \"VIP, Wholesale\"", vip)).isFalse();
        assertThat(matches("tags contains \"VIP\"", Map.of("tags", "VIP"))).isFalse(); // not a list
        assertThat(matches("tags exists", vip)).isTrue();
        assertThat(matches("tags exists", Map.of("tags", List.of()))).isFalse();
        assertThat(matches("not (tags contains \"VIP\")", Map.of())).isTrue();
    }

    @Test
    void relative_times_count_back_from_the_evaluation_clock() {
        assertThat(matches("signup_date > now - 15d", Map.of("signup_date", ago(Duration.ofDays(14))))).isTrue();
        assertThat(matches("signup_date > now - 15d", Map.of("signup_date", ago(Duration.ofDays(15))))).isFalse();
        assertThat(matches("signup_date >= now - 15d", Map.of("signup_date", ago(Duration.ofDays(15))))).isTrue();
        // calendar months, in UTC: three months before 31 May 12:00 is 28 February 12:00 (2025 is not a leap year)
        assertThat(matches("last_order_date < now - 3 months", Map.of("last_order_date", "2025-02-28T11:59:59Z"))).isTrue();
        assertThat(matches("last_order_date < now - 3 months", Map.of("last_order_date", "2025-02-28T12:00:00Z"))).isFalse();
        assertThat(matches("signup_date >= \"2025-05-31\"", Map.of("signup_date", "2025-05-31T00:00:00Z"))).isTrue();
        assertThat(matches("signup_date > now - 15d", Map.of("signup_date", "not a date"))).isFalse();
    }

    @Test
    void within_is_the_last_span_up_to_now() {
        assertThat(matches("lost_checkout_date within 2h", Map.of("lost_checkout_date", ago(Duration.ofMinutes(119))))).isTrue();
        assertThat(matches("lost_checkout_date within 2h", Map.of("lost_checkout_date", ago(Duration.ofHours(2))))).isTrue();
        assertThat(matches("lost_checkout_date within 2h", Map.of("lost_checkout_date", ago(Duration.ofMinutes(121))))).isFalse();
        assertThat(matches("lost_checkout_date within 2h", Map.of("lost_checkout_date", NOW.plusSeconds(60).toString()))).isFalse();
    }

    @Test
    void the_top_percent_is_strictly_above_the_threshold() {
        Population population = new Population(Map.of(Population.topKey("engagement_score", BigDecimal.TEN),
                new Population.Top(new BigDecimal("40"))), Map.of(), Map.of());
        Evaluation evaluation = new Evaluation(NOW, population, ref -> Optional.empty());
        assertThat(matches("engagement_score in top 10%", Map.of("engagement_score", new BigDecimal("40.01")), evaluation)).isTrue();
        assertThat(matches("engagement_score in top 10%", Map.of("engagement_score", 40), evaluation)).isFalse();
        assertThat(matches("engagement_score in top 10%", Map.of("engagement_score", 90))).as("no statistics yet").isFalse();
    }

    @Test
    void a_ratio_to_the_average_uses_the_workspace_average() {
        Evaluation evaluation = new Evaluation(NOW, new Population(Map.of(), Map.of("average_basket", new BigDecimal("40")), Map.of()),
                ref -> Optional.empty());
        assertThat(matches("average_basket > 1.5 x avg(average_basket)", Map.of("average_basket", new BigDecimal("60.01")), evaluation)).isTrue();
        assertThat(matches("average_basket > 1.5 x avg(average_basket)", Map.of("average_basket", 60), evaluation)).isFalse();
        assertThat(matches("average_basket > 1.5 x avg(average_basket)", Map.of("average_basket", 100))).isFalse();
    }

    @Test
    void rfm_scores_count_the_quintile_boundaries_a_customer_is_above() {
        Population population = new Population(Map.of(), Map.of(), Map.of(
                "rfm_frequency", List.of(BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("2"), new BigDecimal("4"))));
        Evaluation evaluation = new Evaluation(NOW, population, ref -> Optional.empty());
        assertThat(matches("rfm_frequency = 1", Map.of("orders_count", 1), evaluation)).isTrue();
        assertThat(matches("rfm_frequency = 3", Map.of("orders_count", 2), evaluation)).isTrue(); // above 1, 1; not above 2
        assertThat(matches("rfm_frequency = 4", Map.of("orders_count", 4), evaluation)).isTrue(); // on the last boundary
        assertThat(matches("rfm_frequency = 4", Map.of("orders_count", 3), evaluation)).isTrue();
        assertThat(matches("rfm_frequency = 5", Map.of("orders_count", 5), evaluation)).isTrue();
        assertThat(matches("rfm_frequency exists", Map.of("orders_count", 0), evaluation)).as("not a customer").isFalse();
        assertThat(matches("rfm_recency exists", Map.of("orders_count", 3), evaluation)).as("no boundaries").isFalse();
    }

    @Test
    void segment_membership_applies_the_other_segments_condition() {
        Map<SegmentRef, Condition> others = Map.of(new SegmentRef(SegmentRef.Kind.NAME, "Customers"), Condition.parse("orders_count >= 1"));
        Evaluation evaluation = new Evaluation(NOW, Population.NONE, ref -> Optional.ofNullable(others.get(ref)));
        assertThat(matches("in segment \"Customers\" and b2b = true", Map.of("orders_count", 2, "b2b", true), evaluation)).isTrue();
        assertThat(matches("in segment \"Customers\"", Map.of("orders_count", 0), evaluation)).isFalse();
        assertThat(matches("in segment \"Unknown\"", Map.of("orders_count", 2), evaluation)).isFalse();
    }

    @Test
    void a_reference_cycle_matches_no_one_instead_of_looping() {
        SegmentRef self = new SegmentRef(SegmentRef.Kind.NAME, "Loop");
        Condition loop = Condition.parse("in segment \"Loop\"");
        Evaluation evaluation = new Evaluation(NOW, Population.NONE, ref -> ref.equals(self) ? Optional.of(loop) : Optional.empty());
        assertThat(loop.matches(Map.of(), evaluation)).isFalse();
        assertThat(Condition.parse("not (in segment \"Loop\")").matches(Map.of(), evaluation)).isTrue();
    }

    @Test
    void custom_traits_compare_by_the_kind_of_value() {
        assertThat(matches("custom.shoe_size > 40", Map.of("shoe_size", 42))).isTrue();
        assertThat(matches("custom.shoe_size > 40", Map.of("shoe_size", "42"))).isFalse();
        assertThat(matches("custom.vip = true", Map.of("vip", true))).isTrue();
        assertThat(matches("custom.quiz = \"yes\"", Map.of("quiz", "yes"))).isTrue();
    }
}
