package crm.ingest.webhooks;

/**
 * Track event names the webhooks publish beyond {@link crm.events.EventNames} (candidates for it). Each is named in
 * the module README.
 */
public final class WebhookEventNames {
    /** The store deleted a customer account (Shopify customers/delete, WooCommerce customer.deleted): not an erasure. */
    public static final String CUSTOMER_DELETED = "Customer Deleted";
    /** Shopify checkouts/delete: the checkout is gone (completed into an order or purged). */
    public static final String CHECKOUT_DELETED = "Checkout Deleted";
    /** Shopify carts/create and carts/update: the cart's full content now. */
    public static final String CART_UPDATED = "Cart Updated";
    /** Shopify shop/redact (48 h after a store uninstalled the app): erase everything of the workspace. */
    public static final String WORKSPACE_ERASE_REQUESTED = "Workspace Erase Requested";

    private WebhookEventNames() {
    }
}
