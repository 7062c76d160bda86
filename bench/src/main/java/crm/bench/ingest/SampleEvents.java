package crm.bench.ingest;

import java.util.List;

/**
 * Tracking API messages of about 500 bytes, as a store sends them: a product view of an identified customer with the
 * usual e-commerce properties and context. Built as text (no JSON library) so the load generator stays cheap.
 */
public final class SampleEvents {
    /** The size the benchmarks aim at, in bytes of compact JSON. */
    public static final int TARGET_BYTES = 500;

    private SampleEvents() {
    }

    /** One track message (a batch item: it carries its "type"). */
    public static String track(String messageId, String userId, String event, String email, long n) {
        long product = 1000 + Math.floorMod(n * 7919, 9000);
        return "{\"type\":\"track\",\"messageId\":\"" + messageId + "\",\"userId\":\"" + userId + "\",\"event\":\"" + event + "\","
                + "\"properties\":{\"product_id\":\"p-" + product + "\",\"sku\":\"SD-" + product + "-BLU-M\","
                + "\"name\":\"Merino wool sweater\",\"category\":\"Apparel/Knitwear\",\"brand\":\"Snow Devil\","
                + "\"price\":" + (20 + product % 100) + ".90" + ",\"currency\":\"EUR\","
                + "\"quantity\":1,\"url\":\"https://shop.example.com/products/p-" + product + "\"},"
                + "\"context\":{\"traits\":{\"email\":\"" + email + "\"},\"ip\":\"203.0.113.7\","
                + "\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64)\","
                + "\"locale\":\"en-GB\"}}";
    }

    /** A /v1/batch body of these items. */
    public static String batch(List<String> items) {
        return "{\"batch\":[" + String.join(",", items) + "]}";
    }
}
