package crm.profile.identity;

/** The identifiers a profile is found by, strongest first. The column value is what the identities table stores. */
public enum IdentityKind {
    EMAIL("email", "email"),
    PHONE("phone", "phone"),
    USER_ID("user_id", "userId"),
    SHOPIFY_CUSTOMER_ID("shopify_customer_id", "shopifyCustomerId"),
    WOOCOMMERCE_CUSTOMER_ID("woocommerce_customer_id", "woocommerceCustomerId"),
    ANONYMOUS_ID("anonymous_id", "anonymousId"),
    CHECKOUT_TOKEN("checkout_token", "checkoutToken"),
    CART_TOKEN("cart_token", "cartToken");

    /** As stored in the identities table. */
    public final String column;
    /** As named in the HTTP API (query parameters, the identities object of a profile). */
    public final String apiName;

    IdentityKind(String column, String apiName) {
        this.column = column;
        this.apiName = apiName;
    }

    public static IdentityKind ofColumn(String column) {
        for (IdentityKind k : values()) {
            if (k.column.equals(column)) return k;
        }
        throw new IllegalArgumentException("unknown identity kind " + column);
    }
}
