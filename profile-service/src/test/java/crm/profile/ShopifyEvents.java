package crm.profile;

import crm.events.CustomerEvent;
import crm.events.EventNames;
import crm.events.EventType;
import crm.events.Identities;
import crm.events.Json;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Shopify fixtures (shared/data/shopify) as the canonical events ingest publishes for them: the fields of
 * ingest-service's crm.ingest.webhooks.shopify.ShopifyMapping that this service reads, with the same names and values.
 */
public final class ShopifyEvents {
    private ShopifyEvents() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> payload(String file) {
        return Json.read(Fixtures.text("shopify/" + file), Map.class);
    }

    /** orders/create (and orders/paid): "Order Completed" naming the customer by email, phone and Shopify id. */
    public static CustomerEvent orderCreated(String ws) {
        Map<String, Object> p = payload("orders_create.json");
        Map<String, Object> customer = object(p, "customer");
        Identities ids = new Identities(null, null, first(text(p, "email"), text(customer, "email")), first(text(p, "phone"), text(customer, "phone")),
                text(customer, "id"), null, text(p, "checkout_token"), text(p, "cart_token"), null);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("order_id", text(p, "id"));
        props.put("order_number", text(p, "name"));
        props.put("total", new BigDecimal(text(p, "total_price")));
        props.put("revenue", new BigDecimal(text(p, "subtotal_price")));
        props.put("currency", text(p, "currency"));
        return event(ws, EventNames.ORDER_COMPLETED, ids, props, instant(p, "processed_at"), "orders/create");
    }

    /** refunds/create: "Order Refunded" naming only the order; total = the successful refund transactions. */
    public static CustomerEvent refundCreated(String ws) {
        Map<String, Object> p = payload("refunds_create.json");
        BigDecimal refunded = BigDecimal.ZERO;
        for (Object t : (List<Object>) p.get("transactions")) {
            Map<String, Object> tx = (Map<String, Object>) t;
            if ("refund".equals(tx.get("kind")) && !"failure".equals(tx.get("status")) && !"error".equals(tx.get("status"))) {
                refunded = refunded.add(new BigDecimal(text(tx, "amount")));
            }
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("order_id", text(p, "order_id"));
        props.put("refund_id", text(p, "id"));
        props.put("total", refunded);
        props.put("products", new ArrayList<>());
        return event(ws, EventNames.ORDER_REFUNDED, null, props, instant(p, "processed_at"), "refunds/create");
    }

    /** orders/delete: "Order Cancelled" naming only the order (the payload is its id). */
    public static CustomerEvent orderDeleted(String ws) {
        Map<String, Object> p = payload("orders_delete.json");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("order_id", text(p, "id"));
        props.put("cancel_reason", "deleted");
        return event(ws, EventNames.ORDER_CANCELLED, null, props, null, "orders/delete");
    }

    /** customers/data_request: "Profile Export Requested" naming the customer. */
    public static CustomerEvent dataRequest(String ws) {
        Map<String, Object> p = payload("customers_data_request.json");
        Map<String, Object> customer = object(p, "customer");
        Identities ids = new Identities(null, null, text(customer, "email"), text(customer, "phone"), text(customer, "id"), null, null, null, null);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("shop_id", text(p, "shop_id"));
        props.put("shop_domain", text(p, "shop_domain"));
        props.put("orders_requested", ((List<Object>) p.get("orders_requested")).stream().map(String::valueOf).toList());
        props.put("data_request_id", text(object(p, "data_request"), "id"));
        props.put("reason", "shopify customers/data_request");
        return event(ws, EventNames.PROFILE_EXPORT_REQUESTED, ids, props, null, "customers/data_request");
    }

    private static CustomerEvent event(String ws, String name, Identities ids, Map<String, Object> props, Instant at, String topic) {
        Instant received = Instant.now();
        String webhookId = UUID.randomUUID().toString();
        Map<String, Object> provider = Map.of("name", "shopify", "topic", topic, "webhook_id", webhookId);
        return new CustomerEvent("shopify:" + webhookId, ws, EventType.TRACK, name, ids, Map.of(), props, Map.of("provider", provider),
                at == null ? received : at, received, "shopify", null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> p, String key) {
        return p.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? null : v.toString();
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static Instant instant(Map<String, Object> p, String key) {
        String t = text(p, key);
        return t == null ? null : OffsetDateTime.parse(t).toInstant();
    }
}
