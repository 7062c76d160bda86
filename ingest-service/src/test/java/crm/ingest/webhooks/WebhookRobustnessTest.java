package crm.ingest.webhooks;

import crm.ingest.Ingest;
import crm.ingest.webhooks.twilio.FormBody;
import crm.ingest.webhooks.twilio.TwilioSignature;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import crm.ingest.RandomCases;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static crm.ingest.RandomCases.anyChars;
import static crm.ingest.RandomCases.oneOf;
import static crm.ingest.RandomCases.stringOf;
import static crm.ingest.webhooks.WebhookCalls.setSecret;
import static crm.ingest.webhooks.WebhookCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated bodies, headers and content types at every webhook endpoint, unsigned and validly signed (so the
 * mapping sees them too): only 2xx and 4xx, never 5xx; a signed store delivery always 200 and no mapping throwing. Generated from seeded {@link Random}s, see {@link RandomCases}.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class WebhookRobustnessTest {
    private static final int TRIES = 60;
    private static final long BASE_SEED = 0x776562686F6F6BL;
    private static final String SECRET = "robust-secret";
    private String workspaceId;
    private KeyPair sendgridKeys;
    @Inject
    MeterRegistry meters;

    @BeforeEach
    void workspaceWithSecrets() throws Exception {
        workspaceId = Ingest.createWorkspace("Robust " + unique("r")).get("id");
        setSecret(workspaceId, "shopify", SECRET, null);
        setSecret(workspaceId, "woocommerce", SECRET, null);
        setSecret(workspaceId, "twilio", SECRET, null);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        sendgridKeys = generator.generateKeyPair();
        setSecret(workspaceId, "sendgrid", Base64.getEncoder().encodeToString(sendgridKeys.getPublic().getEncoded()), null);
    }

    private static final List<String> FIXTURES = List.of("shopify/orders_create.json", "shopify/customers_create.json",
            "shopify/checkouts_create.json", "shopify/refunds_create.json", "shopify/carts_create.json",
            "shopify/customers_redact.json", "woocommerce/order_created.json", "woocommerce/customer_created.json",
            "sendgrid/event_webhook_sample_all_types.json", "sendgrid/signed_test_vector_payload.bin");

    /** Fixture bytes with random bytes flipped, cut or inserted; random text; random JSON-ish values; nothing. */
    static byte[] body(Random r) {
        switch (r.nextInt(5)) {
            case 0 -> {
                byte[] copy = Fixtures.bytes(oneOf(r, FIXTURES)).clone();
                int n = 1 + r.nextInt(6);
                for (int i = 0; i < n; i++) copy[r.nextInt(copy.length)] = (byte) r.nextInt(256);
                return copy;
            }
            case 1 -> {
                byte[] original = Fixtures.bytes(oneOf(r, FIXTURES));
                return java.util.Arrays.copyOf(original, r.nextInt(original.length + 1));
            }
            case 2 -> {
                return anyChars(r, 300).getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                return oneOf(r,
                        "{\"line_items\":\"x\",\"customer\":5,\"total_price\":{\"a\":1},\"id\":[1]}",
                        "{\"id\":1e400,\"email\":true,\"default_address\":[],\"tags\":7,\"email_marketing_consent\":\"yes\"}",
                        "[{\"event\":\"open\",\"email\":[1],\"timestamp\":\"soon\",\"sg_event_id\":{}},null,3,\"x\"]",
                        "{\"billing\":\"x\",\"line_items\":[null,1,\"a\",{\"quantity\":\"many\"}],\"status\":[]}",
                        "null", "[]", "{}", "\"string\"", "12345678901234567890123456789", "{\"a\":".repeat(200))
                        .getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                return new byte[0];
            }
        }
    }

    static String headerValue(Random r) {
        // Printable ASCII: what an HTTP client can put in a header at all.
        return r.nextBoolean() ? stringOf(r, ' ', '~', 80).strip()
                : oneOf(r, "orders/create", "customers/update", "refunds/create", "shop/redact", "order.created",
                        "customer.deleted", "", "=", "%%%", "AAAA", "1600112502");
    }

    static String contentType(Random r) {
        return oneOf(r, "application/json", "application/x-www-form-urlencoded", "text/plain",
                "application/octet-stream", "application/json; charset=latin1", "multipart/form-data; boundary=x");
    }

    /** One unsigned delivery: its body, the value put in every header, its content type. */
    record Unsigned(byte[] body, String value, String type, String unknownWorkspace) {
    }

    /** One validly signed delivery: its body and the Shopify and WooCommerce topics it claims. */
    record Signed(byte[] body, String topic, String wooTopic) {
    }

    private static String describe(byte[] body) {
        return "body " + RandomCases.abbreviate(body, 600);
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Posts the bytes exactly as given (rest-assured would re-encode a form body) and checks the status. */
    private static int assertNo5xx(String path, String contentType, byte[] body, String what, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            if (!headers[i + 1].isEmpty()) request.header(headers[i], headers[i + 1]);
        }
        int status;
        try {
            status = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(status).as(what).isBetween(200, 499);
        return status;
    }

    @Test
    void random_and_mutated_deliveries_get_only_2xx_or_4xx_at_every_endpoint() {
        RandomCases.check("webhook robustness, unsigned", BASE_SEED, TRIES,
                r -> new Unsigned(body(r), headerValue(r), contentType(r), "unknown-" + Long.toHexString(r.nextLong())),
                c -> "content type " + c.type() + ", header value \"" + c.value() + "\", " + describe(c.body()),
                c -> {
                    byte[] body = c.body();
                    String value = c.value();
                    String type = c.type();
                    for (String ws : List.of(workspaceId, c.unknownWorkspace())) {
                        assertNo5xx("/v1/webhooks/shopify/" + ws, type, body, "shopify unsigned to " + ws,
                                "X-Shopify-Topic", value, "X-Shopify-Hmac-Sha256", value, "X-Shopify-Webhook-Id", value,
                                "X-Shopify-Triggered-At", value);
                        assertNo5xx("/v1/webhooks/woocommerce/" + ws, type, body, "woocommerce unsigned to " + ws,
                                "X-WC-Webhook-Topic", value, "X-WC-Webhook-Signature", value);
                        assertNo5xx("/v1/webhooks/sendgrid/" + ws, type, body, "sendgrid unsigned to " + ws,
                                "X-Twilio-Email-Event-Webhook-Signature", value,
                                "X-Twilio-Email-Event-Webhook-Timestamp", value);
                        assertNo5xx("/v1/webhooks/twilio/" + ws, type, body, "twilio unsigned to " + ws,
                                "X-Twilio-Signature", value);
                    }
                });
    }

    @Test
    void validly_signed_mutated_deliveries_get_only_2xx_or_4xx_and_store_deliveries_200_without_a_mapping_error() {
        double mappingErrors = DeadLetterTest.deadLettered(meters, "shopify", WebhookDeadLetters.MAPPING_ERROR)
                + DeadLetterTest.deadLettered(meters, "woocommerce", WebhookDeadLetters.MAPPING_ERROR);
        RandomCases.check("webhook robustness, signed", BASE_SEED + 1, TRIES,
                r -> new Signed(body(r), oneOf(r, "orders/create", "orders/updated", "orders/cancelled",
                        "orders/delete", "refunds/create", "checkouts/create", "checkouts/delete", "carts/update",
                        "customers/update", "customers/delete", "customers/data_request", "customers/redact",
                        "shop/redact", "app/uninstalled"), oneOf(r, "order.created", "order.updated", "order.deleted",
                        "customer.created", "customer.deleted", "product.created")),
                c -> "topic " + c.topic() + ", woo topic " + c.wooTopic() + ", " + describe(c.body()),
                c -> {
                    byte[] body = c.body();
                    String hmac = Hmac.base64(Hmac.SHA256, SECRET, body);
                    // Stores disable webhooks that fail: a signed delivery is 200 (mapped, ignored or dead-lettered).
                    assertThat(assertNo5xx("/v1/webhooks/shopify/" + workspaceId, "application/json", body,
                            "shopify signed " + c.topic(), "X-Shopify-Topic", c.topic(),
                            "X-Shopify-Hmac-Sha256", hmac, "X-Shopify-Webhook-Id", unique("wh")))
                            .as("shopify signed " + c.topic()).isEqualTo(200);
                    assertThat(assertNo5xx("/v1/webhooks/woocommerce/" + workspaceId, "application/json", body,
                            "woocommerce signed " + c.wooTopic(), "X-WC-Webhook-Topic", c.wooTopic(),
                            "X-WC-Webhook-Signature", hmac, "X-WC-Webhook-Delivery-ID", unique("d")))
                            .as("woocommerce signed " + c.wooTopic()).isEqualTo(200);
                    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
                    ecdsa.initSign(sendgridKeys.getPrivate());
                    ecdsa.update("1700000000".getBytes(StandardCharsets.UTF_8));
                    ecdsa.update(body);
                    assertNo5xx("/v1/webhooks/sendgrid/" + workspaceId, "application/json", body, "sendgrid signed",
                            "X-Twilio-Email-Event-Webhook-Timestamp", "1700000000",
                            "X-Twilio-Email-Event-Webhook-Signature", Base64.getEncoder().encodeToString(ecdsa.sign()));
                    String form = new String(body, StandardCharsets.UTF_8);
                    Map<String, List<String>> params = FormBody.parse(form).orElse(Map.of());
                    String signature = TwilioSignature.compute(SECRET,
                            "https://crm.example.test/v1/webhooks/twilio/" + workspaceId, params);
                    assertNo5xx("/v1/webhooks/twilio/" + workspaceId, "application/x-www-form-urlencoded", body,
                            "twilio signed", "X-Twilio-Signature", signature);
                });
        // A mapping that throws is caught and dead-lettered (200), so only this counter shows it.
        assertThat(DeadLetterTest.deadLettered(meters, "shopify", WebhookDeadLetters.MAPPING_ERROR)
                + DeadLetterTest.deadLettered(meters, "woocommerce", WebhookDeadLetters.MAPPING_ERROR))
                .as("deliveries whose mapping threw").isEqualTo(mappingErrors);
    }
}
