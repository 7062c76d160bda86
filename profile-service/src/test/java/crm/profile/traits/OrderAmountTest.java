package crm.profile.traits;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OrderAmountTest {

    @Test
    void total_wins_over_revenue_and_products() {
        assertThat(OrderAmount.of(Map.of("total", "30.00", "revenue", 25, "products", List.of(Map.of("price", 1)))))
                .contains(new BigDecimal("30.00"));
    }

    @Test
    void a_total_that_is_not_a_number_falls_back_to_revenue() {
        assertThat(OrderAmount.of(Map.of("total", "n/a", "revenue", 25))).contains(BigDecimal.valueOf(25));
    }

    @Test
    void products_without_quantity_count_once_and_without_price_not_at_all() {
        List<Map<String, Object>> products = List.of(Map.of("price", "2.50"), Map.of("quantity", 4), Map.of("price", 1, "quantity", "2"));
        assertThat(OrderAmount.of(Map.of("products", products))).contains(new BigDecimal("4.50"));
    }

    @Test
    void doubles_are_read_from_their_decimal_text() {
        assertThat(OrderAmount.decimal(0.1d)).contains(new BigDecimal("0.1"));
        assertThat(OrderAmount.decimal(Double.NaN)).isEmpty();
    }

    @Test
    void nothing_to_price_is_no_amount() {
        assertThat(OrderAmount.of(Map.of())).isEmpty();
        assertThat(OrderAmount.of(Map.of("products", List.of("not a product")))).isEmpty();
    }
}
