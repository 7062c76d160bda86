package crm.ingest.webhooks.shopify;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.ingest.webhooks.Fixtures;
import crm.ingest.webhooks.MappedDelivery;
import crm.ingest.webhooks.Hmac;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ShopifyMappingTest {
    private static final Instant RECEIVED = Instant.parse("2026-01-01T10:00:00Z");

    private static CustomerEvent map(String topic, Map<String, Object> payload) {
        return ShopifyMapping.map(new ShopifyDelivery("ws-1", topic, "wh-1", "snowdevil.myshopify.com", null, RECEIVED,
                payload)).mapped().orElseThrow();
    }

    private static CustomerEvent map(String topic, String file) {
        return map(topic, Fixtures.json("shopify/" + file));
    }

    private static BigDecimal dec(Object v) {
        return new BigDecimal(v.toString());
    }

    @Test
    void the_signature_check_values_of_the_notes_are_reproduced_over_the_raw_bytes() {
        assertThat(Hmac.base64(Hmac.SHA256, "test-secret", Fixtures.bytes("shopify/orders_create.json")))
                .isEqualTo("odmKjKsakcRYbiqA21KoUI7E/ICN9cwSH6GGF2o8ais=");
        assertThat(Hmac.base64(Hmac.SHA256, "test-secret", Fixtures.bytes("shopify/customers_create.json")))
                .isEqualTo("7j0UZKMnk5knA6UDct8ByTyVEFPVOaQtt662c2xufqM=");
    }

    @Test
    void orders_create_is_an_order_completed_with_line_items_amounts_and_identities() {
        CustomerEvent e = map("orders/create", "orders_create.json");
        assertThat(e.type()).isEqualTo(EventType.TRACK);
        assertThat(e.name()).isEqualTo("Order Completed");
        assertThat(e.id()).isEqualTo("shopify:wh-1");
        assertThat(e.source()).isEqualTo("shopify");
        assertThat(e.properties()).containsEntry("order_id", "820982911946154508")
                .containsEntry("order_number", "#9999").containsEntry("currency", "USD").containsEntry("test", true);
        assertThat(dec(e.properties().get("total"))).isEqualByComparingTo("404.95");
        assertThat(dec(e.properties().get("revenue"))).isEqualByComparingTo("404.95");
        assertThat(dec(e.properties().get("discount"))).isEqualByComparingTo("20.00");
        assertThat(dec(e.properties().get("tax"))).isEqualByComparingTo("0.00");
        assertThat(dec(e.properties().get("shipping"))).isEqualByComparingTo("10.00");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> products = (List<Map<String, Object>>) e.properties().get("products");
        assertThat(products).hasSize(5);
        assertThat(products.get(0)).containsEntry("product_id", "788032119674292922").containsEntry("sku", "SKU2006-001")
                .containsEntry("name", "Aviator sunglasses");
        assertThat(dec(products.get(0).get("price"))).isEqualByComparingTo("89.99");
        assertThat(dec(products.get(0).get("quantity"))).isEqualByComparingTo("1");
        assertThat(e.identities().email()).isEqualTo("jon@example.com");
        assertThat(e.identities().shopifyCustomerId()).isEqualTo("115310627314723954");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2022-01-01T00:00:00Z"));
        assertThat(e.receivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void paid_and_updated_orders_are_completed_unless_cancelled() {
        assertThat(map("orders/paid", "orders_create.json").name()).isEqualTo("Order Completed");
        // The docs sample has cancelled_at set: an update of a cancelled order reports the cancellation.
        assertThat(map("orders/updated", "orders_create.json").name()).isEqualTo("Order Cancelled");
        Map<String, Object> open = new HashMap<>(Fixtures.json("shopify/orders_create.json"));
        open.put("cancelled_at", null);
        assertThat(map("orders/updated", open).name()).isEqualTo("Order Completed");
        CustomerEvent cancelled = map("orders/cancelled", "orders_create.json");
        assertThat(cancelled.name()).isEqualTo("Order Cancelled");
        assertThat(cancelled.properties()).containsEntry("cancel_reason", "customer");
    }

    @Test
    void orders_delete_cancels_the_order_by_id() {
        CustomerEvent e = map("orders/delete", "orders_delete.json");
        assertThat(e.name()).isEqualTo("Order Cancelled");
        assertThat(e.properties()).containsEntry("order_id", "820982911946154508").containsEntry("cancel_reason", "deleted");
    }

    @Test
    void checkouts_create_and_update_carry_the_recovery_url_value_and_tokens() {
        CustomerEvent started = map("checkouts/create", "checkouts_create.json");
        assertThat(started.name()).isEqualTo("Checkout Started");
        assertThat(started.properties()).containsEntry("checkout_id", "123123123")
                .containsEntry("cart_token", "eeafa272cebfd4b22385bc4b645e762c")
                .containsEntry("abandoned_checkout_url",
                        "https://checkout.local/548380009/checkouts/123123123/recover?key=example-secret-token")
                .containsEntry("currency", "USD");
        assertThat(dec(started.properties().get("value"))).isEqualByComparingTo("421.88");
        assertThat((List<?>) started.properties().get("products")).hasSize(2);
        assertThat(started.identities().email()).isEqualTo("example@email.com");
        assertThat(started.identities().checkoutToken()).isEqualTo("123123123");
        assertThat(started.identities().cartToken()).isEqualTo("eeafa272cebfd4b22385bc4b645e762c");
        assertThat(started.identities().shopifyCustomerId()).isEqualTo("603851970716743426");
        assertThat(map("checkouts/update", "checkouts_update.json").name()).isEqualTo("Checkout Updated");
    }

    @Test
    void checkouts_delete_names_the_checkout_by_id() {
        CustomerEvent e = map("checkouts/delete", "checkouts_delete.json");
        assertThat(e.name()).isEqualTo("Checkout Deleted");
        assertThat(e.properties()).containsEntry("checkout_id", "981820079255243537");
        assertThat(e.identities().cartToken()).isEqualTo("eeafa272cebfd4b22385bc4b645e762c");
    }

    @Test
    void carts_are_cart_updated_with_the_cart_token() {
        for (String topic : List.of("carts/create", "carts/update")) {
            CustomerEvent e = map(topic, topic.replace('/', '_') + ".json");
            assertThat(e.name()).isEqualTo("Cart Updated");
            assertThat(e.identities().cartToken()).isEqualTo("exampleCartId");
            assertThat(dec(e.properties().get("value"))).isEqualByComparingTo("59.97");
            assertThat((List<?>) e.properties().get("products")).hasSize(1);
        }
    }

    @Test
    void customers_create_and_update_identify_with_traits() {
        for (String topic : List.of("customers/create", "customers/update")) {
            CustomerEvent e = map(topic, topic.replace('/', '_') + ".json");
            assertThat(e.type()).isEqualTo(EventType.IDENTIFY);
            assertThat(e.name()).isNull();
            assertThat(e.identities().email()).isEqualTo("bob@biller.com");
            assertThat(e.identities().shopifyCustomerId()).isEqualTo("706405506930370084");
            assertThat(e.traits()).containsEntry("first_name", "Bob").containsEntry("last_name", "Biller")
                    .containsEntry("email", "bob@biller.com").containsEntry("phone", "555-555-5555")
                    .containsEntry("country", "CA").containsEntry("postal_code", "K2P 2L8")
                    .containsEntry("city", "Ottawa").containsEntry("created_at", "2022-01-01T00:00:00Z")
                    .doesNotContainKeys("email_consent", "sms_consent");
        }
    }

    @Test
    void marketing_consent_becomes_email_and_sms_consent_traits() {
        Map<String, Object> customer = new HashMap<>(Fixtures.json("shopify/customers_create.json"));
        customer.put("tags", "vip, newsletter");
        customer.put("email_marketing_consent", Map.of("state", "subscribed", "opt_in_level", "confirmed_opt_in",
                "consent_updated_at", "2022-04-01T11:22:06-04:00"));
        customer.put("sms_marketing_consent", Map.of("state", "NOT_SUBSCRIBED", "opt_in_level", "single_opt_in",
                "consent_collected_from", "OTHER"));
        CustomerEvent e = map("customers/update", customer);
        assertThat(e.traits()).containsEntry("tags", List.of("vip", "newsletter"));
        assertThat(e.traits()).containsEntry("email_consent", Map.of("state", "subscribed",
                "opt_in_level", "confirmed_opt_in", "consent_updated_at", "2022-04-01T15:22:06Z", "source", "shopify"));
        assertThat(e.traits()).containsEntry("sms_consent", Map.of("state", "not_subscribed",
                "opt_in_level", "single_opt_in", "collected_from", "OTHER", "source", "shopify"));
    }

    @Test
    void the_legacy_accepts_marketing_flag_is_email_consent_too() {
        Map<String, Object> customer = new HashMap<>(Fixtures.json("shopify/customers_create.json"));
        customer.put("accepts_marketing", false);
        customer.put("accepts_marketing_updated_at", "2021-12-31T19:00:00-05:00");
        assertThat(map("customers/update", customer).traits()).containsEntry("email_consent", Map.of(
                "state", "not_subscribed", "consent_updated_at", "2022-01-01T00:00:00Z", "source", "shopify"));
    }

    @Test
    void customers_delete_is_a_customer_deleted_event_not_an_erasure() {
        CustomerEvent e = map("customers/delete", "customers_delete.json");
        assertThat(e.name()).isEqualTo("Customer Deleted");
        assertThat(e.identities().shopifyCustomerId()).isEqualTo("706405506930370084");
    }

    @Test
    void refunds_create_is_order_refunded_with_the_sum_of_refund_transactions() {
        CustomerEvent e = map("refunds/create", "refunds_create.json");
        assertThat(e.name()).isEqualTo("Order Refunded");
        assertThat(e.properties()).containsEntry("order_id", "820982911946154508")
                .containsEntry("refund_id", "890088186047892319").containsEntry("currency", "USD");
        assertThat(dec(e.properties().get("total"))).isEqualByComparingTo("85.00");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> products = (List<Map<String, Object>>) e.properties().get("products");
        assertThat(products).hasSize(5);
        assertThat(products.get(0)).containsEntry("sku", "SKU2006-001").containsEntry("name", "Aviator sunglasses");
    }

    @Test
    void gdpr_topics_are_export_and_erase_requests_about_the_customer() {
        CustomerEvent export = map("customers/data_request", "customers_data_request.json");
        assertThat(export.name()).isEqualTo("Profile Export Requested");
        assertThat(export.identities().email()).isEqualTo("john@example.com");
        assertThat(export.identities().phone()).isEqualTo("555-625-1199");
        assertThat(export.identities().shopifyCustomerId()).isEqualTo("191167");
        assertThat(export.properties()).containsEntry("data_request_id", "9999")
                .containsEntry("orders_requested", List.of("299938", "280263", "220458"));
        CustomerEvent erase = map("customers/redact", "customers_redact.json");
        assertThat(erase.name()).isEqualTo("Profile Erase Requested");
        assertThat(erase.identities().shopifyCustomerId()).isEqualTo("191167");
        assertThat(erase.properties()).containsEntry("orders_to_redact", List.of("299938", "280263", "220458"))
                .containsEntry("reason", "shopify customers/redact");
    }

    @Test
    void shop_redact_is_a_workspace_erase_request() {
        CustomerEvent e = map("shop/redact", Map.of("shop_id", 954889, "shop_domain", "{shop}.myshopify.com"));
        assertThat(e.name()).isEqualTo("Workspace Erase Requested");
        assertThat(e.identities().isEmpty()).isTrue();
        assertThat(e.properties()).containsEntry("shop_id", "954889");
    }

    @Test
    void an_unknown_topic_is_ignored_and_the_triggered_time_is_used_when_the_payload_has_none() {
        assertThat(ShopifyMapping.map(new ShopifyDelivery("ws", "products/update", "w", null, null, RECEIVED, Map.of())))
                .isEqualTo(new MappedDelivery.Ignored("products/update"));
        Instant triggered = Instant.parse("2025-07-10T16:15:47Z");
        CustomerEvent e = ShopifyMapping.map(new ShopifyDelivery("ws", "orders/delete", "w", null, triggered, RECEIVED,
                Map.of("id", 1))).mapped().orElseThrow();
        assertThat(e.timestamp()).isEqualTo(triggered);
    }

    private static MappedDelivery mapped(String topic, Map<String, Object> payload) {
        return ShopifyMapping.map(new ShopifyDelivery("ws", topic, "w", null, null, RECEIVED, payload));
    }

    @Test
    void a_delivery_without_topic_or_object_body_or_the_id_its_event_needs_is_unmappable_naming_why() {
        assertThat(mapped(null, Map.of("id", 1))).isEqualTo(new MappedDelivery.Unmappable("no X-Shopify-Topic header"));
        assertThat(mapped("orders/create", null)).isEqualTo(
                new MappedDelivery.Unmappable("the body of a orders/create delivery is not a JSON object"));
        assertThat(mapped("orders/create", Map.of("email", "a@b.c"))).isEqualTo(
                new MappedDelivery.Unmappable("a orders/create delivery without id"));
        assertThat(mapped("refunds/create", Map.of("id", 1))).isEqualTo(
                new MappedDelivery.Unmappable("a refunds/create delivery without order_id"));
        assertThat(mapped("checkouts/update", Map.of("email", "a@b.c"))).isInstanceOf(MappedDelivery.Unmappable.class);
        assertThat(mapped("carts/update", Map.of())).isInstanceOf(MappedDelivery.Unmappable.class);
        // A privacy request about nobody cannot be carried out: kept, never dropped.
        assertThat(mapped("customers/redact", Map.of("shop_id", 1, "customer", Map.of()))).isEqualTo(
                new MappedDelivery.Unmappable("a customers/redact delivery without customer id, email or phone"));
        assertThat(mapped("shop/redact", Map.of())).isInstanceOf(MappedDelivery.Event.class);
        // Reasons never quote the payload: they are logged.
        assertThat(mapped("customers/update", Map.of("email", "secret@example.com")).toString()).doesNotContain("secret");
    }
}
