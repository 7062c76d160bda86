package crm.profile.predictions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the workspace's fitted BG/NBD model predicts for one profile, with the inputs it was computed from. The
 * published values are rounded to two decimals, so a refit republishes a profile only when a value moved visibly.
 *
 * @param frequency            repeat purchase days (x)
 * @param recencyDays          days from the first to the last purchase day (t_x)
 * @param ageDays              days from the first purchase day to the day of the prediction (T)
 * @param expectedPurchases90d purchases expected in the next 90 days
 * @param pAlive               probability that the customer is still "alive" (will buy again some day)
 * @param churnRisk            1 - pAlive
 * @param clv90d               expected purchases in the next 90 days times the customer's average basket
 */
public record Prediction(
        String profileId,
        int frequency,
        double recencyDays,
        double ageDays,
        BigDecimal averageBasket,
        BigDecimal expectedPurchases90d,
        BigDecimal pAlive,
        BigDecimal churnRisk,
        BigDecimal clv90d) {

    /** The horizon of the expected purchases and the CLV, in days. */
    public static final int HORIZON_DAYS = 90;

    /** Trait names in the profile snapshot. */
    public static final String EXPECTED_PURCHASES_90D = "expected_purchases_90d";
    public static final String P_ALIVE = "p_alive";
    public static final String CHURN_RISK = "churn_risk";
    public static final String CLV_90D = "clv_90d";
    public static final java.util.List<String> TRAITS = java.util.List.of(EXPECTED_PURCHASES_90D, P_ALIVE, CHURN_RISK, CLV_90D);

    /** The prediction for a customer at {@code now}; empty without any order placed by then. Time unit: days. */
    public static Optional<Prediction> of(BgNbd model, CustomerOrders orders, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Optional<PurchaseHistory> history = PurchaseHistory.of(orders.purchaseDays(), today, 1);
        if (history.isEmpty()) return Optional.empty();
        PurchaseHistory h = history.get();
        BigDecimal expected = round(model.expectedPurchases(h, HORIZON_DAYS));
        BigDecimal alive = round(model.probabilityAlive(h));
        BigDecimal basket = orders.averageBasket().orElse(BigDecimal.ZERO);
        return Optional.of(new Prediction(orders.profileId(), h.frequency(), h.recency(), h.age(), basket, expected, alive,
                BigDecimal.ONE.subtract(alive), round(expected.doubleValue() * basket.doubleValue())));
    }

    /** The traits this prediction adds to the profile. */
    public Map<String, Object> traits() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put(EXPECTED_PURCHASES_90D, expectedPurchases90d);
        t.put(P_ALIVE, pAlive);
        t.put(CHURN_RISK, churnRisk);
        t.put(CLV_90D, clv90d);
        return t;
    }

    /**
     * The snapshot hook: a profile's traits recomputed by the fold keep the prediction traits the last refit wrote into
     * its previous traits (refits replace them; nothing else may set them, not even an identify call).
     */
    public static void carryOver(Map<String, Object> previousTraits, Map<String, Object> recomputed) {
        for (String name : TRAITS) {
            recomputed.remove(name);
            Object value = previousTraits.get(name);
            if (value != null) recomputed.put(name, value);
        }
    }

    /** True when a marketer would see a different value: the published traits differ. */
    public boolean differsVisiblyFrom(Prediction other) {
        return other == null
                || expectedPurchases90d.compareTo(other.expectedPurchases90d) != 0
                || pAlive.compareTo(other.pAlive) != 0
                || clv90d.compareTo(other.clv90d) != 0;
    }

    static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }
}
