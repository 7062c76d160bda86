package crm.segment.definition;

import crm.events.PresetSegments;
import crm.segment.condition.Condition;

import java.util.List;

/**
 * The segments every workspace starts with (../shared/DESIGN.md), editable like any other. Ids derive from workspace
 * and key ({@link PresetSegments#id}), so creating them twice is harmless and journeys can name them. The exact rules
 * are documented in segment-service/README.md; keep both in step.
 */
public final class Presets {
    /** Key, name and condition of each preset, in the order they are listed. */
    public static final List<String[]> DEFINITIONS = List.of(
            new String[]{"welcome", "Welcome", "signup_date > now - 15d"},
            new String[]{"lost_checkout", "Lost checkout", "lost_checkout_date within 2h"},
            new String[]{PresetSegments.CUSTOMERS, "Customers", "orders_count >= 1"},
            new String[]{"loyal", "Loyal", "orders_count >= 2"},
            new String[]{"high_value", "High-value", "average_basket > 1.5 x avg(average_basket)"},
            new String[]{"high_potential_leads", "High-potential leads", "not (orders_count >= 1) and product_visits_30d > 2"},
            new String[]{"churned", "Churned", "last_order_date < now - 3 months"},
            new String[]{"slipping_away", "Slipping away", "last_activity < now - 2 months"},
            new String[]{"potential_reorder", "Potential re-order",
                    "orders_count = 1 and last_order_date < now - 30d and product_visits_30d > 1"},
            new String[]{"recent_customers", "Recent customers", "last_order_date > now - 10d"},
            new String[]{"fans", "Fans", "orders_count >= 1 and engagement_score in top 10%"},
            new String[]{"b2b", "B2B", "b2b = true"},
            new String[]{"rfm_champions", "RFM Champions", "rfm_recency >= 4 and rfm_frequency >= 4 and rfm_monetary >= 4"},
            new String[]{"rfm_loyal", "RFM Loyal",
                    "rfm_recency >= 3 and rfm_frequency >= 3 and rfm_monetary >= 2 and rfm_monetary <= 3"},
            new String[]{"rfm_potential", "RFM Potential",
                    "rfm_recency >= 4 and orders_count = 1 and rfm_monetary >= 2 and rfm_monetary <= 4"},
            new String[]{"rfm_at_risk", "RFM At risk", "rfm_recency = 2 and rfm_frequency >= 3"},
            new String[]{"rfm_lost", "RFM Lost", "rfm_recency = 1 and rfm_frequency >= 3"},
            new String[]{"new_subscribers", "New subscribers", "consent_email = \"subscribed\" and signup_date within 30d"},
            new String[]{"first_time_buyers", "First-time buyers", "orders_count = 1"},
            new String[]{"repeat_buyers", "Repeat buyers", "orders_count >= 2"},
            new String[]{"vip", "VIP", "orders_count >= 1 and total_spent in top 10%"},
            new String[]{"at_risk_60d", "At risk (60+ days)", "last_order_date <= now - 60d and last_order_date > now - 120d"},
            new String[]{"churned_120d", "Churned (120+ days)", "last_order_date <= now - 120d"});

    private Presets() {
    }

    public static List<Segment> of(String workspaceId) {
        return DEFINITIONS.stream().map(d -> preset(workspaceId, d[0], d[1], d[2])).toList();
    }

    public static Segment of(String workspaceId, String key) {
        return of(workspaceId).stream().filter(s -> key.equals(s.presetKey())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no preset " + key));
    }

    private static Segment preset(String workspaceId, String key, String name, String condition) {
        return new Segment(PresetSegments.id(workspaceId, key), workspaceId, key, name, Condition.parse(condition));
    }
}
