package crm.profile.kpis;

import crm.profile.predictions.CustomerOrders;
import crm.profile.predictions.CustomerOrders.Purchase;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkspaceKpisTest {
    static final Instant NOW = Instant.parse("2025-06-30T12:00:00Z");

    static CustomerOrders customer(String id, Object... daysAgoAndAmount) {
        List<Purchase> purchases = new ArrayList<>();
        for (int i = 0; i < daysAgoAndAmount.length; i += 2) {
            purchases.add(new Purchase(NOW.minus(Duration.ofDays((Integer) daysAgoAndAmount[i])), new BigDecimal((String) daysAgoAndAmount[i + 1])));
        }
        return new CustomerOrders(id, purchases);
    }

    @Test
    void figures_of_a_small_shop_follow_the_definitions() {
        List<CustomerOrders> shop = List.of(
                customer("a", 200, "100.00", 180, "50.00"),   // back after 20 days; last order 180 days ago: churned
                customer("b", 100, "30.00", 55, "30.00", 10, "40.00"), // back after 45 days
                customer("c", 20, "20.00"),                   // too young for any window
                customer("d", 95, "60.00"),                   // never came back
                customer("lead"));                            // no order: not a customer

        WorkspaceKpis k = WorkspaceKpis.of("ws", shop, NOW);

        assertThat(k.customers()).isEqualTo(4);
        assertThat(k.orders()).isEqualTo(7);
        assertThat(k.revenue()).isEqualByComparingTo("330.00");
        assertThat(k.repeatPurchaseRate()).isEqualByComparingTo("0.5000");
        assertThat(k.averageOrderValue()).isEqualByComparingTo("47.14");
        assertThat(k.averageLtv()).isEqualByComparingTo("82.50");
        assertThat(k.churnRate()).isEqualByComparingTo("0.2500");
        assertThat(k.repeatWithin()).extracting(WorkspaceKpis.RepeatWithin::days).containsExactly(30, 60, 90);
        // 30 days: cohort a, b, d (first order >= 30 days ago); only a came back within 30 days.
        assertThat(k.repeatWithin().get(0)).isEqualTo(new WorkspaceKpis.RepeatWithin(30, 3, 1, new BigDecimal("0.3333")));
        // 60 days: same cohort; a (20 days) and b (45 days).
        assertThat(k.repeatWithin().get(1)).isEqualTo(new WorkspaceKpis.RepeatWithin(60, 3, 2, new BigDecimal("0.6667")));
        // 90 days: a, b, d are all at least 90 days old.
        assertThat(k.repeatWithin().get(2)).isEqualTo(new WorkspaceKpis.RepeatWithin(90, 3, 2, new BigDecimal("0.6667")));
    }

    @Test
    void churn_counts_from_now_so_moving_time_churns_a_quiet_customer() {
        List<CustomerOrders> shop = List.of(customer("a", 100, "10.00"));
        assertThat(WorkspaceKpis.of("ws", shop, NOW).churnRate()).isEqualByComparingTo("0");
        assertThat(WorkspaceKpis.of("ws", shop, NOW.plus(Duration.ofDays(21))).churnRate()).isEqualByComparingTo("1");
    }

    @Test
    void a_second_order_exactly_at_the_window_edge_counts() {
        List<CustomerOrders> shop = List.of(customer("a", 100, "10.00", 70, "10.00"));
        assertThat(WorkspaceKpis.of("ws", shop, NOW).repeatWithin().get(0).repeated()).isEqualTo(1);
    }

    @Test
    void a_workspace_without_customers_has_no_rates_rather_than_zeros() {
        WorkspaceKpis k = WorkspaceKpis.of("ws", List.of(customer("lead")), NOW);
        assertThat(k.customers()).isZero();
        assertThat(k.repeatPurchaseRate()).isNull();
        assertThat(k.averageOrderValue()).isNull();
        assertThat(k.averageLtv()).isNull();
        assertThat(k.churnRate()).isNull();
        assertThat(k.repeatWithin()).allSatisfy(r -> assertThat(r.rate()).isNull());
    }
}
