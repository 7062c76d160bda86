package crm.profile.traits;

import crm.events.ProfileChanged;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every trait of a profile as segments and journeys see it: the stored traits plus the computed ones. Computed
 * traits win over a stored trait of the same name, so a store cannot overwrite {@code orders_count} by identify.
 * Dates are ISO-8601 strings, amounts exact decimals.
 */
public final class ProfileTraits {
    public static final String EMAIL = "email";
    public static final String ORDERS_COUNT = "orders_count";
    public static final String TOTAL_SPENT = "total_spent";
    public static final String AVERAGE_BASKET = "average_basket";
    public static final String FIRST_ORDER_DATE = "first_order_date";
    public static final String LAST_ORDER_DATE = "last_order_date";
    public static final String EMAILS_SENT = "emails_sent";

    private ProfileTraits() {
    }

    public static Map<String, Object> of(Profile profile) {
        Map<String, Object> traits = new LinkedHashMap<>(profile.traits());
        traits.put(ORDERS_COUNT, profile.ordersCount());
        traits.put(TOTAL_SPENT, profile.totalSpent());
        // No orders, no basket: left out rather than a misleading zero.
        if (profile.ordersCount() > 0) {
            traits.put(AVERAGE_BASKET, averageBasket(profile.totalSpent(), profile.ordersCount()));
        } else {
            traits.remove(AVERAGE_BASKET);
        }
        putDate(traits, FIRST_ORDER_DATE, profile.firstOrderDate());
        putDate(traits, LAST_ORDER_DATE, profile.lastOrderDate());
        traits.put(EMAILS_SENT, profile.emailsSent());
        return traits;
    }

    /**
     * The snapshot published on crm.profiles.v1: stamped with the profile's own change time and cause, so publishing
     * the same version again (after a redelivery) sends the very same message.
     */
    public static ProfileChanged snapshot(Profile profile) {
        return new ProfileChanged(profile.workspaceId(), profile.id(), profile.version(), profile.updatedAt(),
                profile.lastEventId(), of(profile));
    }

    static BigDecimal averageBasket(BigDecimal totalSpent, int ordersCount) {
        return totalSpent.divide(BigDecimal.valueOf(ordersCount), 2, RoundingMode.HALF_UP);
    }

    private static void putDate(Map<String, Object> traits, String name, Instant at) {
        if (at == null) traits.remove(name);
        else traits.put(name, at.toString());
    }
}
