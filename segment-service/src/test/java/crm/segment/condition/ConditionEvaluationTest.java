package crm.segment.condition;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionEvaluationTest {

    private static boolean matches(String condition, Map<String, ?> traits) {
        return Condition.parse(condition).matches(traits);
    }

    @Test
    void customer_with_an_order_matches_customers() {
        assertThat(matches("orders_count >= 1", Map.of("orders_count", 1))).isTrue();
        assertThat(matches("orders_count >= 1", Map.of("orders_count", 0))).isFalse();
    }

    @Test
    void numbers_compare_by_value_whatever_their_java_type() {
        assertThat(matches("n = 1", Map.of("n", new BigDecimal("1.00")))).isTrue();
        assertThat(matches("n = 1.0", Map.of("n", 1L))).isTrue();
        assertThat(matches("n > 100", Map.of("n", new BigDecimal("100.01")))).isTrue();
        assertThat(matches("n < 0.3", Map.of("n", 0.1 + 0.2))).isFalse(); // 0.30000000000000004, exactly
        assertThat(matches("n >= 99999999999999999999", Map.of("n", new BigInteger("100000000000000000000")))).isTrue();
        assertThat(matches("n <= 2.5", Map.of("n", 2.5f))).isTrue();
        assertThat(matches("n != 3", Map.of("n", (short) 4))).isTrue();
    }

    @Test
    void not_a_number_values_match_no_numeric_comparison() {
        assertThat(matches("n != 1", Map.of("n", Double.NaN))).isFalse();
        assertThat(matches("n > 1", Map.of("n", Double.POSITIVE_INFINITY))).isFalse();
    }

    @Test
    void a_missing_trait_fails_every_comparison_even_inequality() {
        assertThat(matches("orders_count >= 1", Map.of())).isFalse();
        assertThat(matches("orders_count != 1", Map.of())).isFalse();
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("orders_count", null);
        assertThat(matches("orders_count < 1", withNull)).isFalse();
    }

    @Test
    void not_of_a_missing_trait_holds() {
        assertThat(matches("not (orders_count >= 1)", Map.of())).isTrue();
        assertThat(matches("not (email exists)", Map.of())).isTrue();
        assertThat(matches("not (email exists)", Map.of("email", "a@b.c"))).isFalse();
    }

    @Test
    void exists_needs_a_non_null_value() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("email", null);
        assertThat(matches("email exists", withNull)).isFalse();
        assertThat(matches("email exists", Map.of("email", ""))).isTrue();
    }

    @Test
    void strings_compare_exactly_and_in_order() {
        assertThat(matches("country = \"FR\"", Map.of("country", "FR"))).isTrue();
        assertThat(matches("country = \"FR\"", Map.of("country", "fr"))).isFalse();
        assertThat(matches("first_order_date < \"2024-01-01\"", Map.of("first_order_date", "2023-12-31T10:00:00Z"))).isTrue();
        assertThat(matches("first_order_date >= \"2024-01-01\"", Map.of("first_order_date", "2023-12-31T10:00:00Z"))).isFalse();
    }

    @Test
    void booleans_compare_for_equality() {
        assertThat(matches("vip = true", Map.of("vip", true))).isTrue();
        assertThat(matches("vip != true", Map.of("vip", false))).isTrue();
        assertThat(matches("vip = false", Map.of("vip", true))).isFalse();
    }

    @Test
    void a_value_of_another_type_than_the_literal_never_matches() {
        assertThat(matches("n = 1", Map.of("n", "1"))).isFalse();
        assertThat(matches("n != 1", Map.of("n", "1"))).isFalse();
        assertThat(matches("s = \"true\"", Map.of("s", true))).isFalse();
        assertThat(matches("b = true", Map.of("b", 1))).isFalse();
    }

    @Test
    void connectives_combine_verdicts() {
        Map<String, Object> loyal = Map.of("orders_count", 2, "total_spent", new BigDecimal("150.00"));
        Map<String, Object> small = Map.of("orders_count", 2, "total_spent", new BigDecimal("50"));
        assertThat(matches("orders_count >= 2 and total_spent > 100", loyal)).isTrue();
        assertThat(matches("orders_count >= 2 and total_spent > 100", small)).isFalse();
        assertThat(matches("total_spent > 100 or orders_count >= 2", small)).isTrue();
        assertThat(matches("not (orders_count >= 2 and total_spent > 100)", small)).isTrue();
    }
}
