package crm.ingest.webhooks.woocommerce;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.ingest.webhooks.Fixtures;
import crm.ingest.webhooks.MappedDelivery;
import crm.ingest.webhooks.Hmac;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WooCommerceMappingTest {
    private static final Instant RECEIVED = Instant.parse("2026-01-01T10:00:00Z");

    private static java.util.Optional<CustomerEvent> map(String topic, Map<String, Object> payload) {
        return mapped(topic, payload).mapped();
    }

    private static MappedDelivery mapped(String topic, Map<String, Object> payload) {
        return WooCommerceMapping.map(new WooCommerceDelivery("ws-1", topic, "d-1", "https://example.com/", RECEIVED, payload));
    }

    private static BigDecimal dec(Object v) {
        return new BigDecimal(v.toString());
    }

    @Test
    void the_signature_check_value_of_the_notes_is_reproduced() {
        assertThat(Hmac.base64(Hmac.SHA256, "test-secret", Fixtures.bytes("woocommerce/order_created.json")))
                .isEqualTo("AQN5fvKjm/RvUHaJGJvoB9VT2uROJ3Ng/JsT/I3jnbg=");
    }

    @Test
    void a_processing_order_is_an_order_completed_with_products_and_amounts() {
        CustomerEvent e = map("order.created", Fixtures.json("woocommerce/order_created.json")).orElseThrow();
        assertThat(e.name()).isEqualTo("Order Completed");
        assertThat(e.id()).isEqualTo("woocommerce:d-1");
        assertThat(e.source()).isEqualTo("woocommerce");
        assertThat(e.properties()).containsEntry("order_id", "727").containsEntry("currency", "USD")
                .containsEntry("status", "processing");
        assertThat(dec(e.properties().get("total"))).isEqualByComparingTo("29.35");
        assertThat(dec(e.properties().get("revenue"))).isEqualByComparingTo("18.00");
        assertThat(dec(e.properties().get("shipping"))).isEqualByComparingTo("10.00");
        assertThat(dec(e.properties().get("tax"))).isEqualByComparingTo("1.35");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> products = (List<Map<String, Object>>) e.properties().get("products");
        assertThat(products).hasSize(2);
        assertThat(products.get(1)).containsEntry("product_id", "22").containsEntry("variant_id", "23")
                .containsEntry("sku", "Bar3");
        assertThat(dec(products.get(0).get("quantity"))).isEqualByComparingTo("2");
        assertThat(e.identities().email()).isEqualTo("john.doe@example.com");
        assertThat(e.identities().woocommerceCustomerId()).isNull();
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2017-03-22T19:28:02Z"));
    }

    @Test
    void the_order_status_decides_the_event() {
        assertThat(WooCommerceMapping.orderEventName("completed")).isEqualTo("Order Completed");
        assertThat(WooCommerceMapping.orderEventName("processing")).isEqualTo("Order Completed");
        assertThat(WooCommerceMapping.orderEventName("pending")).isEqualTo("Order Updated");
        assertThat(WooCommerceMapping.orderEventName("on-hold")).isEqualTo("Order Updated");
        assertThat(WooCommerceMapping.orderEventName("cancelled")).isEqualTo("Order Cancelled");
        assertThat(WooCommerceMapping.orderEventName("refunded")).isEqualTo("Order Refunded");
        assertThat(WooCommerceMapping.orderEventName(null)).isEqualTo("Order Updated");
    }

    @Test
    void a_deleted_order_is_cancelled_by_id() {
        CustomerEvent e = map("order.deleted", Map.of("id", 727)).orElseThrow();
        assertThat(e.name()).isEqualTo("Order Cancelled");
        assertThat(e.properties()).containsEntry("order_id", "727");
    }

    @Test
    void customers_identify_with_traits() {
        CustomerEvent e = map("customer.created", Fixtures.json("woocommerce/customer_created.json")).orElseThrow();
        assertThat(e.type()).isEqualTo(EventType.IDENTIFY);
        assertThat(e.identities().email()).isEqualTo("john.doe@example.com");
        assertThat(e.identities().woocommerceCustomerId()).isEqualTo("25");
        assertThat(e.traits()).containsEntry("first_name", "John").containsEntry("last_name", "Doe")
                .containsEntry("country", "US").containsEntry("postal_code", "94103")
                .containsEntry("phone", "(555) 555-5555").containsEntry("created_at", "2017-03-21T19:09:28Z");
        assertThat(map("customer.updated", Fixtures.json("woocommerce/customer_created.json"))).isPresent();
        assertThat(map("customer.deleted", Map.of("id", 25)).orElseThrow().name()).isEqualTo("Customer Deleted");
    }

    @Test
    void topics_the_suite_does_not_use_are_ignored() {
        assertThat(mapped("product.created", Map.of("id", 1))).isEqualTo(new MappedDelivery.Ignored("product.created"));
        assertThat(mapped("action.woocommerce_checkout_order_processed", Map.of())).isInstanceOf(MappedDelivery.Ignored.class);
    }

    @Test
    void a_delivery_without_topic_or_object_body_or_id_is_unmappable_naming_why() {
        assertThat(mapped(null, Map.of("id", 1))).isEqualTo(new MappedDelivery.Unmappable("no X-WC-Webhook-Topic header"));
        assertThat(mapped("order.created", null)).isEqualTo(
                new MappedDelivery.Unmappable("the body of a order.created delivery is not a JSON object"));
        assertThat(mapped("customer.updated", Map.of("email", "secret@example.com"))).isEqualTo(
                new MappedDelivery.Unmappable("a customer.updated delivery without id"));
        assertThat(mapped("order.deleted", Map.of("id", List.of(1)))).isInstanceOf(MappedDelivery.Unmappable.class);
    }
}
