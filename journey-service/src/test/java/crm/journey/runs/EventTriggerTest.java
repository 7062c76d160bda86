package crm.journey.runs;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;
import crm.journey.definition.EventPaths;
import crm.journey.definition.Trigger;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventTriggerTest {
    private static CustomerEvent event(String name, Map<String, Object> properties) {
        return new CustomerEvent("e-1", "ws", EventType.TRACK, name, Identities.of(null, null, "A@B.c"), Map.of("plan", "pro"),
                properties, Map.of("page", Map.of("path", "/cart")), Instant.EPOCH, Instant.EPOCH, "api", null);
    }

    @Test
    void an_event_trigger_matches_its_name_and_every_property_filter_compared_as_text() {
        Trigger.EventHappened bigCarts = new Trigger.EventHappened("Checkout Started", Map.of("properties.currency", "EUR",
                "properties.total", 42.5, "context.page.path", "/cart"));
        assertThat(RunEvents.matches(bigCarts, event("Checkout Started", Map.of("currency", "EUR", "total", new BigDecimal("42.50"))))).isTrue();
        assertThat(RunEvents.matches(bigCarts, event("Checkout Started", Map.of("currency", "USD", "total", 42.5)))).isFalse();
        assertThat(RunEvents.matches(bigCarts, event("Checkout Started", Map.of("currency", "EUR")))).isFalse();
        assertThat(RunEvents.matches(bigCarts, event("Order Completed", Map.of("currency", "EUR", "total", 42.5)))).isFalse();
        assertThat(RunEvents.matches(new Trigger.EventHappened("Order Completed", null), event("Order Completed", Map.of()))).isTrue();
    }

    @Test
    void paths_read_properties_traits_context_and_name_but_not_objects() {
        CustomerEvent e = event("Product Viewed", Map.of("product", Map.of("id", 7), "product_id", 7L));
        assertThat(EventPaths.text(e, "properties.product.id")).contains("7");
        assertThat(EventPaths.text(e, "properties.product_id")).contains("7");
        assertThat(EventPaths.text(e, "properties.product")).isEmpty();
        assertThat(EventPaths.text(e, "traits.plan")).contains("pro");
        assertThat(EventPaths.text(e, "name")).contains("Product Viewed");
        assertThat(EventPaths.isValid("checkout_id")).isFalse();
        assertThat(EventPaths.isValid("properties..x")).isFalse();
    }

    @Test
    void a_run_first_snapshot_carries_the_event_addresses() {
        assertThat(RunEvents.traits(event("Checkout Started", Map.of()))).containsEntry("email", "a@b.c").containsEntry("plan", "pro");
    }
}
