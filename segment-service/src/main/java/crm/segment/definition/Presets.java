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
    /**
     * The version of this list. A workspace records the version it received (table workspace_presets); presets added
     * since reach it once ({@link PresetSegmentsSetup}). Adding a preset: give it {@code since = VERSION + 1} and raise
     * VERSION. Version 1 was the Customers preset alone.
     */
    public static final int VERSION = 2;

    /** A preset: key, name, condition and the version of the list that added it. */
    public record Definition(String key, String name, String condition, int since) {
    }

    /** Every preset, in the order they are listed. */
    public static final List<Definition> DEFINITIONS = List.of(
            new Definition("welcome", "Welcome", "signup_date > now - 15d", 2),
            new Definition("lost_checkout", "Lost checkout", "lost_checkout_date within 2h", 2),
            new Definition(PresetSegments.CUSTOMERS, "Customers", "orders_count >= 1", 1),
            new Definition("loyal", "Loyal", "orders_count >= 2", 2),
            new Definition("high_value", "High-value", "average_basket > 1.5 x avg(average_basket)", 2),
            new Definition("high_potential_leads", "High-potential leads", "not (orders_count >= 1) and product_visits_30d > 2", 2),
            new Definition("churned", "Churned", "last_order_date < now - 3 months", 2),
            new Definition("slipping_away", "Slipping away", "last_activity < now - 2 months", 2),
            new Definition("potential_reorder", "Potential re-order",
                    "orders_count = 1 and last_order_date < now - 30d and product_visits_30d > 1", 2),
            new Definition("recent_customers", "Recent customers", "last_order_date > now - 10d", 2),
            new Definition("fans", "Fans", "orders_count >= 1 and engagement_score in top 10%", 2),
            new Definition("b2b", "B2B", "b2b = true", 2),
            new Definition("rfm_champions", "RFM Champions", "rfm_recency >= 4 and rfm_frequency >= 4 and rfm_monetary >= 4", 2),
            new Definition("rfm_loyal", "RFM Loyal",
                    "rfm_recency >= 3 and rfm_frequency >= 3 and rfm_monetary >= 2 and rfm_monetary <= 3", 2),
            new Definition("rfm_potential", "RFM Potential",
                    "rfm_recency >= 4 and orders_count = 1 and rfm_monetary >= 2 and rfm_monetary <= 4", 2),
            new Definition("rfm_at_risk", "RFM At risk", "rfm_recency = 2 and rfm_frequency >= 3", 2),
            new Definition("rfm_lost", "RFM Lost", "rfm_recency = 1 and rfm_frequency >= 3", 2),
            new Definition("new_subscribers", "New subscribers", "consent_email = \"subscribed\" and signup_date within 30d", 2),
            new Definition("first_time_buyers", "First-time buyers", "orders_count = 1", 2),
            new Definition("repeat_buyers", "Repeat buyers", "orders_count >= 2", 2),
            new Definition("vip", "VIP", "orders_count >= 1 and total_spent in top 10%", 2),
            new Definition("at_risk_60d", "At risk (60+ days)", "last_order_date <= now - 60d and last_order_date > now - 120d", 2),
            new Definition("churned_120d", "Churned (120+ days)", "last_order_date <= now - 120d", 2));

    private Presets() {
    }

    public static List<Segment> of(String workspaceId) {
        return since(workspaceId, 0);
    }

    /** The presets added after version {@code version} of the list (all of them for 0). */
    public static List<Segment> since(String workspaceId, int version) {
        return DEFINITIONS.stream().filter(d -> d.since() > version).map(d -> preset(workspaceId, d.key(), d.name(), d.condition())).toList();
    }

    public static Segment of(String workspaceId, String key) {
        return of(workspaceId).stream().filter(s -> key.equals(s.presetKey())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no preset " + key));
    }

    private static Segment preset(String workspaceId, String key, String name, String condition) {
        return new Segment(PresetSegments.id(workspaceId, key), workspaceId, key, name, Condition.parse(condition));
    }
}
