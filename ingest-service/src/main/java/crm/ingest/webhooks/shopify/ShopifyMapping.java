package crm.ingest.webhooks.shopify;

import crm.events.CustomerEvent;
import crm.events.EventNames;
import crm.events.EventType;
import crm.events.Identities;
import crm.ingest.webhooks.MappedDelivery;
import crm.ingest.webhooks.WebhookEventNames;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static crm.ingest.webhooks.PayloadFields.bool;
import static crm.ingest.webhooks.PayloadFields.decimal;
import static crm.ingest.webhooks.PayloadFields.first;
import static crm.ingest.webhooks.PayloadFields.instant;
import static crm.ingest.webhooks.PayloadFields.object;
import static crm.ingest.webhooks.PayloadFields.objects;
import static crm.ingest.webhooks.PayloadFields.put;
import static crm.ingest.webhooks.PayloadFields.text;
import static crm.ingest.webhooks.PayloadFields.texts;

/**
 * Maps a Shopify webhook delivery onto the canonical event (Segment e-commerce v2 names). Pure and total: it never
 * throws. A topic it does not use is {@code Ignored} (acknowledged, so Shopify never deletes the subscription); a
 * delivery without a topic, whose body is not a JSON object or lacks what the event needs is {@code Unmappable}.
 */
public final class ShopifyMapping {
    public static final String SOURCE = "shopify";

    private ShopifyMapping() {
    }

    /** The topics mapped to an event; any other is acknowledged and ignored. */
    public static final Set<String> TOPICS = Set.of("orders/create", "orders/paid", "orders/updated", "orders/cancelled",
            "orders/fulfilled", "orders/partially_fulfilled", "orders/delete", "refunds/create", "checkouts/create",
            "checkouts/update", "checkouts/delete", "carts/create", "carts/update", "customers/create",
            "customers/update", "customers/delete", "customers/data_request", "customers/redact", "shop/redact");

    public static MappedDelivery map(ShopifyDelivery d) {
        String topic = d.topic() == null ? "" : d.topic().strip().toLowerCase(Locale.ROOT);
        if (topic.isEmpty()) return new MappedDelivery.Unmappable("no X-Shopify-Topic header");
        if (!TOPICS.contains(topic)) return new MappedDelivery.Ignored(topic);
        Map<String, Object> p = d.payload();
        if (p == null) return new MappedDelivery.Unmappable("the body of a " + topic + " delivery is not a JSON object");
        String missing = missing(topic, p);
        if (missing != null) return new MappedDelivery.Unmappable("a " + topic + " delivery without " + missing);
        return new MappedDelivery.Event(switch (topic) {
            case "orders/create", "orders/paid" -> order(d, EventNames.ORDER_COMPLETED);
            case "orders/updated" -> order(d, p.get("cancelled_at") != null ? EventNames.ORDER_CANCELLED : EventNames.ORDER_COMPLETED);
            case "orders/cancelled" -> order(d, EventNames.ORDER_CANCELLED);
            case "orders/fulfilled", "orders/partially_fulfilled" -> order(d, EventNames.ORDER_UPDATED);
            case "orders/delete" -> orderDeleted(d);
            case "refunds/create" -> refund(d);
            case "checkouts/create" -> checkout(d, EventNames.CHECKOUT_STARTED);
            case "checkouts/update" -> checkout(d, EventNames.CHECKOUT_UPDATED);
            case "checkouts/delete" -> checkout(d, WebhookEventNames.CHECKOUT_DELETED);
            case "carts/create", "carts/update" -> cart(d);
            case "customers/create", "customers/update" -> customer(d);
            case "customers/delete" -> track(d, WebhookEventNames.CUSTOMER_DELETED,
                    new Identities(null, null, null, null, text(p, "id"), null, null, null, null),
                    props("shopify_customer_id", text(p, "id")), null);
            case "customers/data_request" -> privacyRequest(d, EventNames.PROFILE_EXPORT_REQUESTED);
            case "customers/redact" -> privacyRequest(d, EventNames.PROFILE_ERASE_REQUESTED);
            case "shop/redact" -> track(d, WebhookEventNames.WORKSPACE_ERASE_REQUESTED, null,
                    props("shop_id", text(p, "shop_id"), "shop_domain", text(p, "shop_domain"),
                            "reason", "shopify shop/redact"), null);
            default -> throw new IllegalStateException("topic without a mapping: " + topic);
        });
    }

    /**
     * What the topic's event cannot do without, when the payload lacks it: an event about no order, checkout, cart
     * or customer would be useless downstream, and a privacy request about nobody cannot be carried out.
     */
    static String missing(String topic, Map<String, Object> p) {
        return switch (topic) {
            case "refunds/create" -> text(p, "order_id") == null ? "order_id" : null;
            case "checkouts/create", "checkouts/update", "carts/create", "carts/update" ->
                    first(text(p, "token"), text(p, "id")) == null ? "token or id" : null;
            case "customers/data_request", "customers/redact" -> {
                Map<String, Object> c = object(p, "customer");
                yield first(text(c, "id"), text(c, "email"), text(c, "phone")) == null ? "customer id, email or phone" : null;
            }
            case "shop/redact" -> null;
            default -> text(p, "id") == null ? "id" : null;
        };
    }

    private static CustomerEvent order(ShopifyDelivery d, String name) {
        Map<String, Object> p = d.payload();
        Map<String, Object> customer = object(p, "customer");
        Identities identities = new Identities(null, null,
                first(text(p, "email"), text(p, "contact_email"), text(customer, "email")),
                first(text(p, "phone"), text(customer, "phone")),
                text(customer, "id"), null, text(p, "checkout_token"), text(p, "cart_token"), null);
        Map<String, Object> props = new LinkedHashMap<>();
        put(props, "order_id", text(p, "id"));
        put(props, "order_number", text(p, "name"));
        put(props, "checkout_id", text(p, "checkout_token"));
        put(props, "total", decimal(p, "total_price"));
        // Segment's revenue excludes shipping and tax: Shopify's subtotal_price (after discounts).
        put(props, "revenue", decimal(p, "subtotal_price"));
        put(props, "shipping", shipping(p));
        put(props, "tax", decimal(p, "total_tax"));
        put(props, "discount", decimal(p, "total_discounts"));
        put(props, "currency", text(p, "currency"));
        List<String> codes = objects(p, "discount_codes").stream().map(c -> text(c, "code")).filter(c -> c != null).toList();
        if (!codes.isEmpty()) props.put("coupon", String.join(",", codes));
        props.put("products", products(objects(p, "line_items")));
        put(props, "financial_status", text(p, "financial_status"));
        put(props, "fulfillment_status", text(p, "fulfillment_status"));
        if (EventNames.ORDER_CANCELLED.equals(name)) put(props, "cancel_reason", text(p, "cancel_reason"));
        if (Boolean.TRUE.equals(bool(p, "test"))) props.put("test", true);
        // An order happened when it was processed, whichever later topic (paid, updated) reports it.
        Instant at = first(instant(p, "processed_at"), instant(p, "created_at"));
        return track(d, name, identities, props, at);
    }

    /** The shipping charged: total_shipping_price_set in shop currency, else the sum of the shipping lines. */
    private static BigDecimal shipping(Map<String, Object> p) {
        BigDecimal total = decimal(object(object(p, "total_shipping_price_set"), "shop_money"), "amount");
        if (total != null) return total;
        BigDecimal sum = null;
        for (Map<String, Object> line : objects(p, "shipping_lines")) {
            BigDecimal price = decimal(line, "price");
            if (price != null) sum = sum == null ? price : sum.add(price);
        }
        return sum;
    }

    private static CustomerEvent orderDeleted(ShopifyDelivery d) {
        return track(d, EventNames.ORDER_CANCELLED, null,
                props("order_id", text(d.payload(), "id"), "cancel_reason", "deleted"), null);
    }

    private static CustomerEvent refund(ShopifyDelivery d) {
        Map<String, Object> p = d.payload();
        BigDecimal refunded = null;
        String currency = null;
        for (Map<String, Object> t : objects(p, "transactions")) {
            if (!"refund".equals(text(t, "kind")) || "failure".equals(text(t, "status")) || "error".equals(text(t, "status"))) {
                continue;
            }
            BigDecimal amount = decimal(t, "amount");
            if (amount != null) refunded = refunded == null ? amount : refunded.add(amount);
            currency = first(currency, text(t, "currency"));
        }
        List<Map<String, Object>> products = new ArrayList<>();
        for (Map<String, Object> item : objects(p, "refund_line_items")) {
            Map<String, Object> product = product(object(item, "line_item"));
            put(product, "quantity", decimal(item, "quantity"));
            put(product, "subtotal", decimal(item, "subtotal"));
            products.add(product);
            currency = first(currency, text(object(object(item, "subtotal_set"), "shop_money"), "currency_code"));
        }
        Map<String, Object> props = new LinkedHashMap<>();
        put(props, "order_id", text(p, "order_id"));
        put(props, "refund_id", text(p, "id"));
        put(props, "total", refunded);
        put(props, "currency", currency);
        props.put("products", products);
        // Refund payloads name the order only: profile-service finds the customer by order_id.
        return track(d, EventNames.ORDER_REFUNDED, null, props, first(instant(p, "processed_at"), instant(p, "created_at")));
    }

    private static CustomerEvent checkout(ShopifyDelivery d, String name) {
        Map<String, Object> p = d.payload();
        Map<String, Object> customer = object(p, "customer");
        // checkouts/create|update carry the token (the id Shopify's recovery URL uses); checkouts/delete only the id.
        String checkoutId = first(text(p, "token"), text(p, "id"));
        Identities identities = new Identities(null, null, first(text(p, "email"), text(customer, "email")),
                first(text(p, "phone"), text(p, "sms_marketing_phone"), text(customer, "phone")), text(customer, "id"),
                null, checkoutId, text(p, "cart_token"), null);
        Map<String, Object> props = new LinkedHashMap<>();
        put(props, "checkout_id", checkoutId);
        put(props, "cart_token", text(p, "cart_token"));
        put(props, "abandoned_checkout_url", text(p, "abandoned_checkout_url"));
        put(props, "value", decimal(p, "total_price"));
        put(props, "total", decimal(p, "total_price"));
        put(props, "revenue", decimal(p, "subtotal_price"));
        put(props, "tax", decimal(p, "total_tax"));
        put(props, "discount", decimal(p, "total_discounts"));
        put(props, "currency", first(text(p, "currency"), text(p, "presentment_currency")));
        List<Map<String, Object>> items = objects(p, "line_items");
        if (!items.isEmpty()) props.put("products", products(items));
        return track(d, name, identities, props, first(instant(p, "updated_at"), instant(p, "created_at")));
    }

    private static CustomerEvent cart(ShopifyDelivery d) {
        Map<String, Object> p = d.payload();
        String token = first(text(p, "token"), text(p, "id"));
        BigDecimal value = BigDecimal.ZERO;
        String currency = null;
        List<Map<String, Object>> items = objects(p, "line_items");
        for (Map<String, Object> item : items) {
            BigDecimal line = decimal(item, "line_price");
            if (line != null) value = value.add(line);
            currency = first(currency, text(object(object(item, "line_price_set"), "shop_money"), "currency_code"));
        }
        Map<String, Object> props = new LinkedHashMap<>();
        put(props, "cart_id", token);
        props.put("value", value);
        put(props, "currency", currency);
        props.put("products", products(items));
        return track(d, WebhookEventNames.CART_UPDATED,
                new Identities(null, null, null, null, null, null, null, token, null), props,
                first(instant(p, "updated_at"), instant(p, "created_at")));
    }

    private static CustomerEvent customer(ShopifyDelivery d) {
        Map<String, Object> p = d.payload();
        Map<String, Object> address = object(p, "default_address");
        Map<String, Object> traits = new LinkedHashMap<>();
        put(traits, "email", text(p, "email"));
        put(traits, "first_name", first(text(p, "first_name"), text(address, "first_name")));
        put(traits, "last_name", first(text(p, "last_name"), text(address, "last_name")));
        put(traits, "phone", first(text(p, "phone"), text(address, "phone")));
        put(traits, "country", first(text(address, "country_code"), text(address, "country")));
        put(traits, "postal_code", text(address, "zip"));
        put(traits, "city", text(address, "city"));
        put(traits, "province", first(text(address, "province_code"), text(address, "province")));
        String tags = text(p, "tags");
        if (tags != null) traits.put("tags", Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList());
        put(traits, "verified_email", bool(p, "verified_email"));
        put(traits, "shopify_customer_id", text(p, "id"));
        Instant createdAt = instant(p, "created_at");
        if (createdAt != null) traits.put("created_at", createdAt.toString());
        put(traits, "email_consent", emailConsent(p));
        put(traits, "sms_consent", consent(object(p, "sms_marketing_consent")));
        Identities identities = new Identities(null, null, text(p, "email"), text(p, "phone"), text(p, "id"),
                null, null, null, null);
        return event(d, EventType.IDENTIFY, null, identities, traits, Map.of(),
                first(instant(p, "updated_at"), createdAt));
    }

    /** email_marketing_consent (API 2022-04 on), else the legacy accepts_marketing flag. */
    private static Map<String, Object> emailConsent(Map<String, Object> p) {
        Map<String, Object> modern = consent(object(p, "email_marketing_consent"));
        if (modern != null) return modern;
        Boolean accepts = bool(p, "accepts_marketing");
        if (accepts == null) return null;
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("state", accepts ? "subscribed" : "not_subscribed");
        put(c, "opt_in_level", lower(text(p, "marketing_opt_in_level")));
        Instant at = instant(p, "accepts_marketing_updated_at");
        if (at != null) c.put("consent_updated_at", at.toString());
        c.put("source", SOURCE);
        return c;
    }

    /** The consent trait: {state, opt_in_level, consent_updated_at, source}, states lower-case as Shopify's REST API. */
    static Map<String, Object> consent(Map<String, Object> shopify) {
        if (shopify == null || text(shopify, "state") == null) return null;
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("state", lower(text(shopify, "state")));
        put(c, "opt_in_level", lower(text(shopify, "opt_in_level")));
        Instant at = instant(shopify, "consent_updated_at");
        if (at != null) c.put("consent_updated_at", at.toString());
        put(c, "collected_from", text(shopify, "consent_collected_from"));
        c.put("source", SOURCE);
        return c;
    }

    private static CustomerEvent privacyRequest(ShopifyDelivery d, String name) {
        Map<String, Object> p = d.payload();
        Map<String, Object> customer = object(p, "customer");
        Identities identities = new Identities(null, null, text(customer, "email"), text(customer, "phone"),
                text(customer, "id"), null, null, null, null);
        Map<String, Object> props = new LinkedHashMap<>();
        put(props, "shop_id", text(p, "shop_id"));
        put(props, "shop_domain", text(p, "shop_domain"));
        if (p.containsKey("orders_requested")) props.put("orders_requested", texts(p, "orders_requested"));
        if (p.containsKey("orders_to_redact")) props.put("orders_to_redact", texts(p, "orders_to_redact"));
        put(props, "data_request_id", text(object(p, "data_request"), "id"));
        props.put("reason", "shopify " + d.topic());
        return track(d, name, identities, props, null);
    }

    private static List<Map<String, Object>> products(List<Map<String, Object>> lineItems) {
        return lineItems.stream().map(ShopifyMapping::product).toList();
    }

    private static Map<String, Object> product(Map<String, Object> item) {
        Map<String, Object> product = new LinkedHashMap<>();
        if (item == null) return product;
        put(product, "product_id", text(item, "product_id"));
        put(product, "variant_id", text(item, "variant_id"));
        put(product, "sku", text(item, "sku"));
        put(product, "name", first(text(item, "name"), text(item, "title"), text(item, "presentment_title")));
        put(product, "price", decimal(item, "price"));
        put(product, "quantity", decimal(item, "quantity"));
        return product;
    }

    private static Map<String, Object> props(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) put(m, (String) keyValues[i], keyValues[i + 1]);
        return m;
    }

    private static CustomerEvent track(ShopifyDelivery d, String name, Identities identities, Map<String, Object> props,
                                       Instant occurredAt) {
        return event(d, EventType.TRACK, name, identities, Map.of(), props, occurredAt);
    }

    private static CustomerEvent event(ShopifyDelivery d, EventType type, String name, Identities identities,
                                       Map<String, Object> traits, Map<String, Object> props, Instant occurredAt) {
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("name", SOURCE);
        put(provider, "topic", d.topic());
        put(provider, "shop_domain", d.shopDomain());
        put(provider, "webhook_id", d.webhookId());
        Instant at = first(occurredAt, d.triggeredAt(), d.receivedAt());
        return new CustomerEvent(SOURCE + ":" + d.webhookId(), d.workspaceId(), type, name, identities, traits, props,
                Map.of("provider", provider), at, d.receivedAt(), SOURCE, null);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
