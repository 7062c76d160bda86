package crm.ingest.webhooks;

import crm.ingest.RandomCases;
import crm.ingest.webhooks.shopify.ShopifyDelivery;
import crm.ingest.webhooks.shopify.ShopifyMapping;
import crm.ingest.webhooks.woocommerce.WooCommerceDelivery;
import crm.ingest.webhooks.woocommerce.WooCommerceMapping;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static crm.ingest.RandomCases.anyString;
import static crm.ingest.RandomCases.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store mappings against every fixture (each must become its event, never the dead-letter fallback) and against
 * seeded random and mutated payloads (each must give an outcome, never throw: a throw would only be caught and
 * dead-lettered by the endpoint, hiding the broken mapping).
 */
class StoreMappingsTest {
    private static final Instant RECEIVED = Instant.parse("2026-01-01T10:00:00Z");
    private static final long BASE_SEED = 0x73746F7265L;

    /** Every Shopify fixture file with the topic it is the sample of. */
    private static final Map<String, String> SHOPIFY = Map.ofEntries(
            Map.entry("orders_create.json", "orders/create"), Map.entry("orders_delete.json", "orders/delete"),
            Map.entry("refunds_create.json", "refunds/create"), Map.entry("checkouts_create.json", "checkouts/create"),
            Map.entry("checkouts_update.json", "checkouts/update"), Map.entry("checkouts_delete.json", "checkouts/delete"),
            Map.entry("carts_create.json", "carts/create"), Map.entry("carts_update.json", "carts/update"),
            Map.entry("customers_create.json", "customers/create"), Map.entry("customers_update.json", "customers/update"),
            Map.entry("customers_delete.json", "customers/delete"),
            Map.entry("customers_data_request.json", "customers/data_request"),
            Map.entry("customers_redact.json", "customers/redact"));
    /** Every WooCommerce fixture file with the topics whose payload has its shape. */
    private static final Map<String, List<String>> WOOCOMMERCE = Map.of(
            "order_created.json", List.of("order.created", "order.updated", "order.restored", "order.deleted"),
            "customer_created.json", List.of("customer.created", "customer.updated", "customer.deleted"));

    private static MappedDelivery shopify(String topic, Map<String, Object> payload) {
        return ShopifyMapping.map(new ShopifyDelivery("ws-1", topic, "wh-1", "snowdevil.myshopify.com", null, RECEIVED, payload));
    }

    private static MappedDelivery woocommerce(String topic, Map<String, Object> payload) {
        return WooCommerceMapping.map(new WooCommerceDelivery("ws-1", topic, "d-1", "https://example.com/", RECEIVED, payload));
    }

    private static List<String> jsonFiles(String folder) throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.ROOT.resolve(folder))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void every_shopify_and_woocommerce_fixture_maps_to_an_event_without_the_dead_letter_fallback() throws IOException {
        // A new fixture must be listed here, so none is silently left out.
        assertThat(jsonFiles("shopify")).containsExactlyInAnyOrderElementsOf(SHOPIFY.keySet());
        assertThat(jsonFiles("woocommerce")).containsExactlyInAnyOrderElementsOf(WOOCOMMERCE.keySet());
        SHOPIFY.forEach((file, topic) -> assertThat(shopify(topic, Fixtures.json("shopify/" + file)))
                .as(topic + " " + file).isInstanceOf(MappedDelivery.Event.class));
        WOOCOMMERCE.forEach((file, topics) -> topics.forEach(topic -> assertThat(
                woocommerce(topic, Fixtures.json("woocommerce/" + file))).as(topic + " " + file)
                .isInstanceOf(MappedDelivery.Event.class)));
        // What WooCommerce sends for a deleted resource.
        assertThat(woocommerce("order.deleted", Map.of("id", 727))).isInstanceOf(MappedDelivery.Event.class);
        assertThat(woocommerce("customer.deleted", Map.of("id", 25))).isInstanceOf(MappedDelivery.Event.class);
    }

    /** A payload to map: a fixture with values replaced by random ones, or random JSON, with one of the topics. */
    record Case(String provider, String topic, Map<String, Object> payload) {
    }

    @Test
    void random_and_mutated_payloads_of_every_topic_map_to_an_outcome_and_never_throw() {
        List<String> fixtures = new ArrayList<>();
        SHOPIFY.keySet().forEach(f -> fixtures.add("shopify/" + f));
        WOOCOMMERCE.keySet().forEach(f -> fixtures.add("woocommerce/" + f));
        fixtures.sort(null); // sets and Map.of iterate in a per-run order: sorted, a seed replays its case
        Map<String, Map<String, Object>> parsed = new LinkedHashMap<>();
        fixtures.forEach(f -> parsed.put(f, Fixtures.json(f)));
        List<String> shopifyTopics = ShopifyMapping.TOPICS.stream().sorted().toList();
        List<String> wooTopics = WooCommerceMapping.TOPICS.stream().sorted().toList();
        RandomCases.check("store mappings", BASE_SEED, 400, r -> {
            boolean isShopify = r.nextBoolean();
            Map<String, Object> payload = r.nextInt(4) == 0 ? randomObject(r, 3)
                    : mutate(r, parsed.get(oneOf(r, fixtures)), 0.15);
            return new Case(isShopify ? "shopify" : "woocommerce",
                    oneOf(r, isShopify ? shopifyTopics : wooTopics), payload);
        }, c -> c.provider() + " " + c.topic() + " " + RandomCases.abbreviate(String.valueOf(c.payload()), 600), c -> {
            MappedDelivery outcome = c.provider().equals("shopify") ? shopify(c.topic(), c.payload())
                    : woocommerce(c.topic(), c.payload());
            assertThat(outcome).isNotNull().isNotInstanceOf(MappedDelivery.Ignored.class);
            if (outcome instanceof MappedDelivery.Event e) assertThat(e.event().workspaceId()).isEqualTo("ws-1");
        });
    }

    /** A copy of the value with each part replaced, with the given probability, by a random value. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mutate(Random r, Map<String, Object> original, double p) {
        Map<String, Object> copy = new LinkedHashMap<>();
        original.forEach((k, v) -> {
            if (r.nextDouble() < p / 3) return; // dropped
            copy.put(k, mutateValue(r, v, p));
        });
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object mutateValue(Random r, Object v, double p) {
        if (r.nextDouble() < p) return randomValue(r, 2);
        if (v instanceof Map<?, ?> m) return mutate(r, (Map<String, Object>) m, p);
        if (v instanceof List<?> l) return l.stream().map(x -> mutateValue(r, x, p)).toList();
        return v;
    }

    static Map<String, Object> randomObject(Random r, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            m.put(r.nextBoolean() ? anyString(r, 8) : oneOf(r, "id", "email", "customer", "line_items", "billing",
                    "token", "order_id", "status", "total_price", "created_at", "transactions"), randomValue(r, depth - 1));
        }
        return m;
    }

    static Object randomValue(Random r, int depth) {
        int kinds = depth > 0 ? 11 : 9;
        return switch (r.nextInt(kinds)) {
            case 0 -> null;
            case 1 -> anyString(r, 20);
            case 2 -> oneOf(r, "", " ", "0", "-1", "1e400", "2026-13-45T99:00:00Z", "NaN", "null");
            case 3 -> r.nextInt();
            case 4 -> r.nextLong();
            case 5 -> new BigDecimal(r.nextLong()).scaleByPowerOfTen(-r.nextInt(40) + 20);
            case 6 -> new BigInteger(200, r);
            case 7 -> r.nextBoolean();
            case 8 -> r.nextDouble();
            case 9 -> randomObject(r, depth);
            default -> {
                List<Object> list = new ArrayList<>();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) list.add(randomValue(r, depth - 1));
                yield list;
            }
        };
    }
}
