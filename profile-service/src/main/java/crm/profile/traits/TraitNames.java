package crm.profile.traits;

import java.util.Locale;
import java.util.Set;

/** Trait names as the suite stores them: snake_case, whatever casing the source used. */
public final class TraitNames {
    /**
     * Traits the suite itself computes or reads with a meaning of its own (this service's computed traits and
     * predictions, the identify traits segments catalogue, segment-service's RFM scores): a custom computed trait may
     * not take one of these names.
     */
    public static final Set<String> BUILT_IN = Set.of(
            "email", "phone", "first_name", "last_name", "user_id", "anonymous_id", "birthdate", "country", "city",
            "postal_code", "province", "tags", "created_at", "verified_email", "shopify_customer_id",
            "woocommerce_customer_id", "timezone", "lead_source", "signup_date", "nps", "quiz_result",
            "orders_count", "total_spent", "average_basket", "first_order_date", "last_order_date", "last_visit",
            "last_activity", "emails_sent", "emails_sent_30d", "emails_opened", "emails_opened_30d", "emails_clicked",
            "emails_clicked_30d", "last_email_opened", "last_email_clicked", "visits", "visits_30d", "product_visits",
            "product_visits_30d", "category_interest", "engagement_score", "engagement_score_30d", "lost_checkout_id",
            "lost_checkout_date", "lost_checkout_value", "lost_checkout_url", "b2b", "consent_email", "consent_sms",
            "consent_whatsapp", "expected_purchases_90d", "p_alive", "churn_risk", "clv_90d", "clv", "rfm_recency",
            "rfm_frequency", "rfm_monetary");

    private TraitNames() {
    }

    public static boolean isBuiltIn(String name) {
        return BUILT_IN.contains(name);
    }

    /** {@code firstName}, {@code First Name}, {@code first-name} and {@code first_name} all become {@code first_name}. */
    public static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        char previous = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                boolean wordStart = Character.isUpperCase(c) && (Character.isLowerCase(previous) || Character.isDigit(previous)
                        || (Character.isUpperCase(previous) && i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))));
                if (wordStart && out.length() > 0 && out.charAt(out.length() - 1) != '_') out.append('_');
                out.append(Character.toLowerCase(c));
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                out.append('_');
            }
            previous = c;
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '_') end--;
        return out.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
