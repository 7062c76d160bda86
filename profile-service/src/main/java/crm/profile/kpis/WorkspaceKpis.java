package crm.profile.kpis;

import crm.profile.predictions.CustomerOrders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The figures of a whole workspace a store owner watches, computed from every profile's orders that still count
 * (cancelled and fully refunded orders excluded, amounts net of refunds) at a given "now". Definitions: README.md of
 * profile-service. Rates are fractions (0.25 = 25 %) with four decimals, amounts have two; a rate or an average with
 * nobody to compute it over is null.
 *
 * @param customers          profiles with at least one order
 * @param orders             orders of those customers
 * @param revenue            what those orders are worth after refunds
 * @param repeatPurchaseRate customers with two orders or more / customers
 * @param averageOrderValue  revenue / orders
 * @param averageLtv         revenue / customers
 * @param churnRate          customers whose last order is more than {@code churnAfterDays} days old / customers
 * @param repeatWithin       for 30, 60 and 90 days: of the customers whose first order is at least that old, the share
 *                           who ordered again within that many days of their first order
 */
public record WorkspaceKpis(
        String workspaceId,
        Instant asOf,
        int customers,
        int orders,
        BigDecimal revenue,
        BigDecimal repeatPurchaseRate,
        BigDecimal averageOrderValue,
        BigDecimal averageLtv,
        int churnAfterDays,
        BigDecimal churnRate,
        List<RepeatWithin> repeatWithin) {

    /** A customer who has not ordered for this long counts as churned (the DESIGN.md "Churned" preset). */
    public static final int CHURN_AFTER_DAYS = 120;
    public static final List<Integer> REPEAT_WINDOWS = List.of(30, 60, 90);

    /**
     * The N-day repeat purchase rate.
     *
     * @param cohort customers whose first order is at least {@code days} days before now
     * @param repeated those of them whose second order came at most {@code days} days after their first
     */
    public record RepeatWithin(int days, int cohort, int repeated, BigDecimal rate) {
    }

    public static WorkspaceKpis of(String workspaceId, Collection<CustomerOrders> profiles, Instant now) {
        int customers = 0;
        int orders = 0;
        int repeaters = 0;
        int churned = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        int[] cohort = new int[REPEAT_WINDOWS.size()];
        int[] repeated = new int[REPEAT_WINDOWS.size()];
        Instant churnedBefore = now.minus(Duration.ofDays(CHURN_AFTER_DAYS));
        for (CustomerOrders p : profiles) {
            if (p.count() == 0) continue;
            customers++;
            orders += p.count();
            revenue = revenue.add(p.spent());
            if (p.count() >= 2) repeaters++;
            if (p.last().orElseThrow().isBefore(churnedBefore)) churned++;
            Instant first = p.first().orElseThrow();
            for (int i = 0; i < REPEAT_WINDOWS.size(); i++) {
                Duration window = Duration.ofDays(REPEAT_WINDOWS.get(i));
                // Only customers who have had the whole window to come back, so young customers do not drag the rate down.
                if (first.plus(window).isAfter(now)) continue;
                cohort[i]++;
                if (p.second().filter(s -> !s.isAfter(first.plus(window))).isPresent()) repeated[i]++;
            }
        }
        List<RepeatWithin> within = new ArrayList<>();
        for (int i = 0; i < REPEAT_WINDOWS.size(); i++) {
            within.add(new RepeatWithin(REPEAT_WINDOWS.get(i), cohort[i], repeated[i], rate(repeated[i], cohort[i])));
        }
        return new WorkspaceKpis(workspaceId, now, customers, orders, revenue, rate(repeaters, customers),
                money(revenue, orders), money(revenue, customers), CHURN_AFTER_DAYS, rate(churned, customers), within);
    }

    private static BigDecimal rate(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal money(BigDecimal amount, int count) {
        return count == 0 ? null : amount.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }
}
