package crm.profile.predictions;

import crm.profile.predictions.CustomerOrders.Purchase;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PredictionTest {
    /** The CDNOW estimates converted to days (alpha scales with the time unit). */
    static final BgNbd DAILY = new BgNbd(0.2426, 4.4135 * 7, 0.7929, 2.4258);
    static final Instant NOW = Instant.parse("2025-06-30T12:00:00Z");

    static Purchase bought(int daysAgo, String amount) {
        return new Purchase(NOW.minus(Duration.ofDays(daysAgo)), new BigDecimal(amount));
    }

    @Test
    void a_prediction_uses_purchase_days_and_rounds_what_it_publishes() {
        CustomerOrders orders = new CustomerOrders("p", List.of(bought(60, "10.00"), bought(30, "30.00"), bought(30, "20.00")));

        Prediction p = Prediction.of(DAILY, orders, NOW).orElseThrow();

        assertThat(p.frequency()).isEqualTo(1);
        assertThat(p.recencyDays()).isEqualTo(30);
        assertThat(p.ageDays()).isEqualTo(60);
        assertThat(p.averageBasket()).isEqualByComparingTo("20.00");
        PurchaseHistory h = new PurchaseHistory(1, 30, 60);
        assertThat(p.expectedPurchases90d()).isEqualByComparingTo(Prediction.round(DAILY.expectedPurchases(h, 90)));
        assertThat(p.pAlive()).isEqualByComparingTo(Prediction.round(DAILY.probabilityAlive(h)));
        assertThat(p.churnRisk()).isEqualByComparingTo(BigDecimal.ONE.subtract(p.pAlive()));
        assertThat(p.clv90d()).isEqualByComparingTo(Prediction.round(p.expectedPurchases90d().doubleValue() * 20));
        assertThat(p.pAlive().scale()).isEqualTo(2);
        assertThat(p.traits()).containsOnlyKeys("expected_purchases_90d", "p_alive", "churn_risk", "clv_90d");
    }

    @Test
    void a_repeat_buyer_who_goes_quiet_becomes_a_churn_risk_as_time_passes() {
        CustomerOrders orders = new CustomerOrders("p", List.of(bought(100, "10"), bought(80, "10"), bought(60, "10")));
        Prediction now = Prediction.of(DAILY, orders, NOW).orElseThrow();
        Prediction later = Prediction.of(DAILY, orders, NOW.plus(Duration.ofDays(365))).orElseThrow();

        assertThat(later.churnRisk()).isGreaterThan(now.churnRisk());
        assertThat(later.expectedPurchases90d()).isLessThan(now.expectedPurchases90d());
        assertThat(later.differsVisiblyFrom(now)).isTrue();
        assertThat(now.differsVisiblyFrom(Prediction.of(DAILY, orders, NOW.plusSeconds(60)).orElseThrow())).isFalse();
    }

    @Test
    void no_order_yet_no_prediction() {
        assertThat(Prediction.of(DAILY, new CustomerOrders("p", List.of()), NOW)).isEmpty();
        assertThat(Prediction.of(DAILY, new CustomerOrders("p", List.of(bought(-3, "5"))), NOW)).isEmpty();
    }

    @Test
    void recomputed_traits_keep_the_refits_predictions_and_never_an_identify_value_of_the_same_name() {
        java.util.Map<String, Object> previous = java.util.Map.of("churn_risk", new BigDecimal("0.25"), "p_alive", new BigDecimal("0.75"),
                "orders_count", 3);
        java.util.Map<String, Object> recomputed = new java.util.LinkedHashMap<>(java.util.Map.of("orders_count", 4, "clv_90d", "999"));

        Prediction.carryOver(previous, recomputed);

        assertThat(recomputed).containsEntry("churn_risk", new BigDecimal("0.25")).containsEntry("p_alive", new BigDecimal("0.75"))
                .containsEntry("orders_count", 4).doesNotContainKey("clv_90d").doesNotContainKey("expected_purchases_90d");
    }
}
