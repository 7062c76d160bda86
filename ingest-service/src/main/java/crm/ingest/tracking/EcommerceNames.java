package crm.ingest.tracking;

import crm.events.EventNames;

import java.util.Locale;
import java.util.Map;

/**
 * Segment's e-commerce spec v1 event names, as older integrations still send them, mapped to the v2 names the suite
 * counts on ({@link EventNames}). A v2 name or any other name is kept exactly as sent.
 */
public final class EcommerceNames {
    private static final Map<String, String> V1_TO_V2 = Map.ofEntries(
            Map.entry("viewed product", EventNames.PRODUCT_VIEWED),
            Map.entry("viewed product details", EventNames.PRODUCT_VIEWED),
            Map.entry("added product", EventNames.PRODUCT_ADDED),
            Map.entry("removed product", EventNames.PRODUCT_REMOVED),
            Map.entry("viewed cart", EventNames.CART_VIEWED),
            Map.entry("started checkout", EventNames.CHECKOUT_STARTED),
            Map.entry("updated checkout", EventNames.CHECKOUT_UPDATED),
            Map.entry("completed order", EventNames.ORDER_COMPLETED),
            Map.entry("updated order", EventNames.ORDER_UPDATED),
            Map.entry("refunded order", EventNames.ORDER_REFUNDED),
            Map.entry("cancelled order", EventNames.ORDER_CANCELLED),
            Map.entry("viewed product category", "Product List Viewed"),
            Map.entry("searched products", "Products Searched"),
            Map.entry("filtered products", "Product List Filtered"),
            Map.entry("clicked product", "Product Clicked"),
            Map.entry("viewed promotion", "Promotion Viewed"),
            Map.entry("clicked promotion", "Promotion Clicked"),
            Map.entry("viewed checkout step", "Checkout Step Viewed"),
            Map.entry("completed checkout step", "Checkout Step Completed"),
            Map.entry("entered payment info", "Payment Info Entered"),
            Map.entry("reviewed product", "Product Reviewed"),
            Map.entry("shared product", "Product Shared"),
            Map.entry("shared cart", "Cart Shared"));

    private EcommerceNames() {
    }

    /** The v2 name of a v1 event name (matched ignoring case and surrounding spaces), else the name as sent. */
    public static String canonical(String name) {
        return V1_TO_V2.getOrDefault(name.strip().toLowerCase(Locale.ROOT), name);
    }
}
