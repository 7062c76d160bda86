package crm.ingest.webhooks.woocommerce;

import crm.events.CustomerEvent;
import crm.events.EventNames;
import crm.events.EventType;
import crm.events.Identities;
import crm.ingest.webhooks.MappedDelivery;
import crm.ingest.webhooks.WebhookEventNames;

import java.math.BigDecimal;
import java.time.Instant;
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

/**
 * Maps a WooCommerce webhook delivery (REST API v3 resource shapes) onto the canonical event. Pure and total: it
 * never throws. Topics it does not use (product.*, coupon.*, action.*) are {@code Ignored} and acknowledged, as
 * WooCommerce disables a webhook after 5 failed deliveries; a delivery without a topic, whose body is not a JSON
 * object or has no id is {@code Unmappable} (dead-lettered, and acknowledged too).
 */
public final class WooCommerceMapping {
    public static final String SOURCE = "woocommerce";
    /** Order statuses that mean the customer has paid (or paid on delivery and it is being shipped). */
    static final Set<String> PAID = Set.of("processing", "completed");

    private WooCommerceMapping() {
    }

    /** The topics mapped to an event; any other (product.*, coupon.*, action.*) is acknowledged and ignored. */
    public static final Set<String> TOPICS = Set.of("order.created", "order.updated", "order.restored", "order.deleted",
            "customer.created", "customer.updated", "customer.deleted");

    public static MappedDelivery map(WooCommerceDelivery d) {
        String topic = d.topic() == null ? "" : d.topic().strip().toLowerCase(Locale.ROOT);
        if (topic.isEmpty()) return new MappedDelivery.Unmappable("no X-WC-Webhook-Topic header");
        if (!TOPICS.contains(topic)) return new MappedDelivery.Ignored(topic);
        Map<String, Object> p = d.payload();
        if (p == null) return new MappedDelivery.Unmappable("the body of a " + topic + " delivery is not a JSON object");
        // Every order and customer resource, deleted ones included ({"id": N}), names its id.
        if (text(p, "id") == null) return new MappedDelivery.Unmappable("a " + topic + " delivery without id");
        return new MappedDelivery.Event(switch (topic) {
            case "order.created", "order.updated", "order.restored" -> order(d, orderEventName(text(p, "status")));
            case "order.deleted" -> event(d, EventType.TRACK, EventNames.ORDER_CANCELLED, null, Map.of(),
                    props("order_id", text(p, "id"), "cancel_reason", "deleted"), null);
            case "customer.created", "customer.updated" -> customer(d);
            case "customer.deleted" -> event(d, EventType.TRACK, WebhookEventNames.CUSTOMER_DELETED,
                    new Identities(null, null, null, null, null, text(p, "id"), null, null, null), Map.of(),
                    props("woocommerce_customer_id", text(p, "id")), null);
            default -> throw new IllegalStateException("topic without a mapping: " + topic);
        });
    }

    static String orderEventName(String status) {
        String s = status == null ? "" : status.toLowerCase(Locale.ROOT);
        if (PAID.contains(s)) return EventNames.ORDER_COMPLETED;
        if (s.equals("cancelled")) return EventNames.ORDER_CANCELLED;
        if (s.equals("refunded")) return EventNames.ORDER_REFUNDED;
        return EventNames.ORDER_UPDATED;
    }

    private static CustomerEvent order(WooCommerceDelivery d, String name) {
        Map<String, Object> p = d.payload();
        Map<String, Object> billing = object(p, "billing");
        String customerId = "0".equals(text(p, "customer_id")) ? null : text(p, "customer_id");
        Identities identities = new Identities(null, null, text(billing, "email"), text(billing, "phone"), null,
                customerId, null, null, null);
        List<Map<String, Object>> items = objects(p, "line_items");
        BigDecimal revenue = null;
        for (Map<String, Object> item : items) {
            BigDecimal line = decimal(item, "total");
            if (line != null) revenue = revenue == null ? line : revenue.add(line);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        put(props, "order_id", text(p, "id"));
        put(props, "order_number", text(p, "number"));
        put(props, "status", text(p, "status"));
        put(props, "total", decimal(p, "total"));
        // Segment's revenue excludes shipping and tax: the sum of the line totals (after discounts, before tax).
        put(props, "revenue", revenue);
        put(props, "shipping", decimal(p, "shipping_total"));
        put(props, "tax", decimal(p, "total_tax"));
        put(props, "discount", decimal(p, "discount_total"));
        put(props, "currency", text(p, "currency"));
        List<String> codes = objects(p, "coupon_lines").stream().map(c -> text(c, "code")).filter(c -> c != null).toList();
        if (!codes.isEmpty()) props.put("coupon", String.join(",", codes));
        props.put("products", items.stream().map(WooCommerceMapping::product).toList());
        return event(d, EventType.TRACK, name, identities, Map.of(), props,
                first(instant(p, "date_created_gmt"), instant(p, "date_created")));
    }

    private static Map<String, Object> product(Map<String, Object> item) {
        Map<String, Object> product = new LinkedHashMap<>();
        put(product, "product_id", text(item, "product_id"));
        String variation = text(item, "variation_id");
        if (variation != null && !variation.equals("0")) product.put("variant_id", variation);
        put(product, "sku", text(item, "sku"));
        put(product, "name", text(item, "name"));
        put(product, "price", decimal(item, "price"));
        put(product, "quantity", decimal(item, "quantity"));
        return product;
    }

    private static CustomerEvent customer(WooCommerceDelivery d) {
        Map<String, Object> p = d.payload();
        Map<String, Object> billing = object(p, "billing");
        Map<String, Object> traits = new LinkedHashMap<>();
        String email = first(text(p, "email"), text(billing, "email"));
        put(traits, "email", email);
        put(traits, "first_name", first(text(p, "first_name"), text(billing, "first_name")));
        put(traits, "last_name", first(text(p, "last_name"), text(billing, "last_name")));
        put(traits, "phone", text(billing, "phone"));
        put(traits, "country", text(billing, "country"));
        put(traits, "postal_code", text(billing, "postcode"));
        put(traits, "city", text(billing, "city"));
        put(traits, "province", text(billing, "state"));
        put(traits, "username", text(p, "username"));
        put(traits, "is_paying_customer", bool(p, "is_paying_customer"));
        put(traits, "woocommerce_customer_id", text(p, "id"));
        Instant createdAt = first(instant(p, "date_created_gmt"), instant(p, "date_created"));
        if (createdAt != null) traits.put("created_at", createdAt.toString());
        Identities identities = new Identities(null, null, email, text(billing, "phone"), null, text(p, "id"),
                null, null, null);
        return event(d, EventType.IDENTIFY, null, identities, traits, Map.of(),
                first(instant(p, "date_modified_gmt"), createdAt));
    }

    private static Map<String, Object> props(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) put(m, (String) keyValues[i], keyValues[i + 1]);
        return m;
    }

    private static CustomerEvent event(WooCommerceDelivery d, EventType type, String name, Identities identities,
                                       Map<String, Object> traits, Map<String, Object> props, Instant occurredAt) {
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("name", SOURCE);
        put(provider, "topic", d.topic());
        put(provider, "store_url", d.source());
        return new CustomerEvent(SOURCE + ":" + d.dedupeId(), d.workspaceId(), type, name, identities, traits, props,
                Map.of("provider", provider), first(occurredAt, d.receivedAt()), d.receivedAt(), SOURCE, null);
    }
}
