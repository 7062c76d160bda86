package crm.segment.condition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The traits a condition may name and what each holds: the profile traits profile-service publishes (snake_case, see
 * ../shared/DESIGN.md), the RFM scores this service computes, and custom traits written {@code custom.<name>}. A name
 * outside the catalogue is an error, so a typo never silently matches no one.
 */
public final class TraitCatalogue {
    public static final String CUSTOM_PREFIX = "custom.";
    public static final String ORDERS_COUNT = "orders_count";
    public static final String TOTAL_SPENT = "total_spent";
    public static final String LAST_ORDER_DATE = "last_order_date";
    public static final String RFM_RECENCY = "rfm_recency";
    public static final String RFM_FREQUENCY = "rfm_frequency";
    public static final String RFM_MONETARY = "rfm_monetary";
    /**
     * A number per product category, as profile-service publishes it: {@code {"category_interest": {"Shoes": 3}}}.
     * Conditions name one category: {@code category_interest.shoes}, or quoted when the name is not an identifier:
     * {@code category_interest."running shoes"}. Categories match case-insensitively (see {@link #categoryKey}).
     */
    public static final String CATEGORY_INTEREST = "category_interest";
    /**
     * Labels as stores send them (Shopify customer tags, which ingest turns into a list of strings): conditions test
     * for one element, {@code tags contains "VIP"}, case-insensitively (see {@link #tagKey}).
     */
    public static final String TAGS = "tags";

    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Set<String> KEYWORDS = Set.of("and", "or", "not", "exists", "true", "false", "in", "contains",
            "within", "now", "top", "segment");

    private static final Map<String, TraitType> KNOWN = known();
    /** Computed here from the population statistics, never read from a profile. */
    private static final Set<String> SCORES = Set.of(RFM_RECENCY, RFM_FREQUENCY, RFM_MONETARY);
    /** Traits holding a number per key; a condition names {@code family.key}, which is a number. */
    private static final Set<String> FAMILIES = Set.of(CATEGORY_INTEREST);

    private TraitCatalogue() {
    }

    private static Map<String, TraitType> known() {
        Map<String, TraitType> m = new LinkedHashMap<>();
        for (String t : new String[]{"email", "first_name", "last_name", "phone", "postal_code", "country", "city",
                "timezone", "lead_source", "user_id", "lost_checkout_id", "lost_checkout_url", "consent_email",
                "consent_sms", "consent_whatsapp", "quiz_result", "province", "anonymous_id", "shopify_customer_id",
                "woocommerce_customer_id"}) {
            m.put(t, TraitType.TEXT);
        }
        for (String t : new String[]{"birthdate", "signup_date", "last_visit", "last_activity", "first_order_date",
                LAST_ORDER_DATE, "lost_checkout_date", "last_email_opened", "last_email_clicked", "created_at"}) {
            m.put(t, TraitType.TIME);
        }
        for (String t : new String[]{ORDERS_COUNT, TOTAL_SPENT, "average_basket", "emails_sent", "emails_opened",
                "emails_clicked", "emails_sent_30d", "emails_opened_30d", "emails_clicked_30d", "visits", "visits_30d",
                "product_visits", "product_visits_30d", "engagement_score", "engagement_score_30d",
                "lost_checkout_value", "nps", "expected_purchases_90d", "p_alive", "churn_risk", "clv_90d", "clv",
                RFM_RECENCY, RFM_FREQUENCY, RFM_MONETARY}) {
            m.put(t, TraitType.NUMBER);
        }
        m.put("b2b", TraitType.BOOLEAN);
        m.put("verified_email", TraitType.BOOLEAN);
        m.put(TAGS, TraitType.LIST);
        return Collections.unmodifiableMap(m);
    }

    /** Every catalogued trait and its type, in catalogue order (custom traits are not listed). */
    public static Map<String, TraitType> all() {
        return KNOWN;
    }

    public static Optional<TraitType> typeOf(String trait) {
        if (isCustom(trait)) return Optional.of(TraitType.ANY);
        if (nested(trait).isPresent()) return Optional.of(TraitType.NUMBER);
        return Optional.ofNullable(KNOWN.get(trait));
    }

    public static boolean isCustom(String trait) {
        return trait.startsWith(CUSTOM_PREFIX);
    }

    /** One key of a trait that holds a number per key: {@code category_interest.shoes} is ("category_interest", "shoes"). */
    public record Nested(String family, String key) {
    }

    /** The family and key of a nested trait name (everything after the first dot is the key), empty for any other name. */
    public static Optional<Nested> nested(String trait) {
        int dot = trait == null ? -1 : trait.indexOf('.');
        if (dot < 0) return Optional.empty();
        String family = trait.substring(0, dot);
        return FAMILIES.contains(family) ? Optional.of(new Nested(family, trait.substring(dot + 1))) : Optional.empty();
    }

    /** Whether profiles hold this trait as a number per key ({@code category_interest}). */
    public static boolean isFamily(String name) {
        return FAMILIES.contains(name);
    }

    /**
     * A category as conditions and facts compare it: trimmed and lower-cased (Locale.ROOT), so "Shoes" from one
     * source and "shoes" from another are one category. Folded in Java on both sides (the AST and the facts stored for
     * SQL), so the predicate and the SQL form never fold differently.
     */
    public static String categoryKey(String key) {
        return key.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * A tag as conditions and facts compare it: trimmed and lower-cased (Locale.ROOT), as Shopify treats tags
     * ("VIP" and "vip" are one tag). Folded in Java on both sides (the fragment of a condition and the list stored in
     * facts), so the predicate and the SQL form never fold differently.
     */
    public static String tagKey(String tag) {
        return tag.trim().toLowerCase(Locale.ROOT);
    }

    /** The one spelling of a trait name in the AST: a nested key folded by {@link #categoryKey}; others unchanged. */
    public static String canonical(String trait) {
        return nested(trait).map(n -> n.family() + "." + categoryKey(n.key())).orElse(trait);
    }

    /** An RFM score: computed from population statistics, not a profile trait. */
    public static boolean isScore(String trait) {
        return SCORES.contains(trait);
    }

    /** The key of the trait in a profile's facts: the name, without {@code custom.} for custom traits. */
    public static String factName(String trait) {
        return isCustom(trait) ? trait.substring(CUSTOM_PREFIX.length()) : trait;
    }

    static boolean isKeyword(String word) {
        return KEYWORDS.contains(word.toLowerCase(Locale.ROOT));
    }

    /** Whether the name is well formed (an identifier, or custom.identifier) and not a keyword. */
    static boolean isWellFormed(String trait) {
        if (trait == null) return false;
        String name = isCustom(trait) ? trait.substring(CUSTOM_PREFIX.length()) : trait;
        return NAME.matcher(name).matches() && !isKeyword(name);
    }

    /** The type of a known trait, or an {@link IllegalArgumentException} saying why the name is not one. */
    public static TraitType require(String trait) {
        Optional<Nested> nested = nested(trait);
        if (nested.isPresent()) {
            String key = nested.get().key();
            if (key.isBlank()) throw new IllegalArgumentException("a category name cannot be empty");
            // PostgreSQL's jsonb cannot hold NUL, so no stored category has one.
            if (key.indexOf('\u0000') >= 0) throw new IllegalArgumentException("a category name cannot contain NUL");
            return TraitType.NUMBER;
        }
        if (trait != null && isFamily(trait)) {
            throw new IllegalArgumentException(trait + " holds a number per category: name one, such as " + trait
                    + ".shoes, or " + trait + ".\"running shoes\" when the name is not a single word");
        }
        if (!isWellFormed(trait)) {
            throw new IllegalArgumentException("'" + trait + "' is not a trait name"
                    + (trait != null && trait.contains(".") ? " (nested traits are category_interest.<category>, custom traits custom.<name>)" : ""));
        }
        return typeOf(trait).orElseThrow(() -> new IllegalArgumentException("unknown trait '" + trait + "'"
                + suggestion(trait) + "; custom traits are written custom." + trait));
    }

    private static String suggestion(String trait) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : KNOWN.keySet()) {
            int d = distance(trait.toLowerCase(Locale.ROOT), known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best != null && bestDistance <= Math.max(2, trait.length() / 4) ? " (did you mean " + best + "?)" : "";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
