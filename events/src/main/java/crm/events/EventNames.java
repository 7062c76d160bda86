package crm.events;

/** Canonical track event names: Segment e-commerce spec v2, plus the suite's own message and privacy events. */
public final class EventNames {
    public static final String PRODUCT_VIEWED = "Product Viewed";
    public static final String PRODUCT_ADDED = "Product Added";
    public static final String PRODUCT_REMOVED = "Product Removed";
    public static final String CART_VIEWED = "Cart Viewed";
    public static final String CHECKOUT_STARTED = "Checkout Started";
    public static final String CHECKOUT_UPDATED = "Checkout Updated";
    public static final String ORDER_COMPLETED = "Order Completed";
    public static final String ORDER_UPDATED = "Order Updated";
    public static final String ORDER_REFUNDED = "Order Refunded";
    public static final String ORDER_CANCELLED = "Order Cancelled";

    /** GDPR requests, from Shopify's mandatory topics or the profile API. */
    public static final String PROFILE_ERASE_REQUESTED = "Profile Erase Requested";
    public static final String PROFILE_EXPORT_REQUESTED = "Profile Export Requested";

    private EventNames() {
    }
}
