package crm.segment.condition;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FactsTest {

    @Test
    void catalogued_traits_are_typed_and_mistyped_ones_left_out() {
        Map<String, Object> facts = Facts.of(Map.of(
                "orders_count", 2, "total_spent", 49.9, "email", "a@b.c", "b2b", true,
                "signup_date", "2024-01-31T10:00:00Z", "last_visit", "2024-01-31",
                "nps", "nine", "country", 33, "last_order_date", "soon"));
        assertThat(facts).containsEntry("orders_count", new BigDecimal("2"))
                .containsEntry("total_spent", new BigDecimal("49.9"))
                .containsEntry("email", "a@b.c")
                .containsEntry("b2b", true)
                .containsEntry("signup_date", BigDecimal.valueOf(Instant.parse("2024-01-31T10:00:00Z").toEpochMilli()))
                .containsEntry("last_visit", BigDecimal.valueOf(Instant.parse("2024-01-31T00:00:00Z").toEpochMilli()))
                .doesNotContainKeys("nps", "country", "last_order_date");
    }

    @Test
    void custom_scalars_are_kept_and_nested_values_and_scores_dropped() {
        Map<String, Object> facts = Facts.of(Map.of("quiz", "yes", "size", 42, "labels", List.of("a"), "address", Map.of("city", "x"),
                "rfm_recency", 5, "bad", "nul\u0000"));
        assertThat(facts).containsOnlyKeys("quiz", "size");
    }

    @Test
    void tags_are_kept_as_distinct_folded_strings() {
        List<Object> sent = java.util.Arrays.asList("VIP", " vip", "Wholesale", "", "  ", 3, true, null, "nul\u0000", "Été");
        assertThat(Facts.of(Map.of("tags", sent)).get("tags")).isEqualTo(List.of("vip", "wholesale", "été"));
        // nothing left, or not a list: no tags at all, so "tags exists" is false
        assertThat(Facts.of(Map.of("tags", List.of(" ", 1)))).doesNotContainKey("tags");
        assertThat(Facts.of(Map.of("tags", List.of()))).doesNotContainKey("tags");
        assertThat(Facts.of(Map.of("tags", "VIP"))).doesNotContainKey("tags");
    }

    @Test
    void category_interest_is_kept_as_numbers_per_folded_category() {
        Map<String, Object> traits = new java.util.LinkedHashMap<>();
        traits.put("category_interest", Map.of("Shoes", 2, "shoes ", 1, "Running Shoes", 4.5, "Hats", "many", " ", 3));
        Map<String, Object> facts = Facts.of(traits);
        assertThat(facts.get("category_interest")).isEqualTo(Map.of("shoes", new BigDecimal("3"), "running shoes", new BigDecimal("4.5")));
        assertThat(Condition.parse("category_interest.shoes >= 3").matches(facts, Evaluation.at(Instant.EPOCH))).isTrue();
        assertThat(Condition.parse("category_interest.\"running shoes\" = 4.5").matches(facts, Evaluation.at(Instant.EPOCH))).isTrue();
        assertThat(Condition.parse("category_interest.hats exists").matches(facts, Evaluation.at(Instant.EPOCH))).isFalse();
        assertThat(Facts.of(Map.of("category_interest", "shoes"))).doesNotContainKey("category_interest");
        assertThat(Facts.of(Map.of("category_interest", Map.of()))).doesNotContainKey("category_interest");
    }
}
