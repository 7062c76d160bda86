package crm.ingest.webhooks.woocommerce;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.ingest.Ingest;
import crm.ingest.webhooks.DeadLetters;
import crm.ingest.webhooks.Fixtures;
import crm.ingest.webhooks.Hmac;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static crm.ingest.webhooks.WebhookCalls.eventWithId;
import static crm.ingest.webhooks.WebhookCalls.recordsWithId;
import static crm.ingest.webhooks.WebhookCalls.setSecret;
import static crm.ingest.webhooks.WebhookCalls.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class WooCommerceWebhookTest {
    private static final String SECRET = "wc-test-secret";
    private String workspaceId;

    @BeforeEach
    void workspaceWithSecret() {
        workspaceId = Ingest.createWorkspace("Woo " + unique("w")).get("id");
        setSecret(workspaceId, "woocommerce", SECRET, null);
    }

    private ValidatableResponse post(String topic, String deliveryId, byte[] body, String signature) {
        var request = given().contentType("application/json").header("X-WC-Webhook-Topic", topic)
                .header("X-WC-Webhook-Source", "https://example.com/").header("X-WC-Webhook-ID", "1")
                .header("X-WC-Webhook-Delivery-ID", deliveryId).body(body);
        if (signature != null) request = request.header("X-WC-Webhook-Signature", signature);
        return request.when().post("/v1/webhooks/woocommerce/" + workspaceId).then();
    }

    private static String sign(byte[] body) {
        return Hmac.base64(Hmac.SHA256, SECRET, body);
    }

    @Test
    void a_signed_order_created_lands_as_order_completed() {
        byte[] body = Fixtures.bytes("woocommerce/order_created.json");
        CustomerEvent e = eventWithId(delivered(body, "order.created"));
        assertThat(e.name()).isEqualTo("Order Completed");
        assertThat(e.properties()).containsEntry("order_id", "727");
        assertThat(e.identities().email()).isEqualTo("john.doe@example.com");
        assertThat(e.source()).isEqualTo("woocommerce");
    }

    /** Posts a signed delivery and returns the id of the event it becomes (delivery id + body digest). */
    private String delivered(byte[] body, String topic) {
        String deliveryId = unique("d");
        post(topic, deliveryId, body, sign(body)).statusCode(200).body("published", equalTo(1))
                .body("deadLettered", equalTo(false));
        return "woocommerce:" + deliveryId + ":" + crm.ingest.webhooks.BodyDigest.sha256(body).substring(0, 16);
    }

    @Test
    void a_signed_customer_created_lands_as_identify() {
        byte[] body = Fixtures.bytes("woocommerce/customer_created.json");
        CustomerEvent e = eventWithId(delivered(body, "customer.created"));
        assertThat(e.type()).isEqualTo(EventType.IDENTIFY);
        assertThat(e.identities().woocommerceCustomerId()).isEqualTo("25");
        assertThat(e.traits()).containsEntry("first_name", "John");
    }

    @Test
    void the_unsigned_creation_ping_is_200_and_publishes_nothing() {
        given().contentType("application/x-www-form-urlencoded").body("webhook_id=42")
                .when().post("/v1/webhooks/woocommerce/" + workspaceId)
                .then().statusCode(200).body("published", equalTo(0));
    }

    @Test
    void a_replay_is_deduped() {
        byte[] body = Fixtures.bytes("woocommerce/customer_created.json");
        String deliveryId = unique("d");
        post("customer.updated", deliveryId, body, sign(body)).statusCode(200).body("published", equalTo(1));
        post("customer.updated", deliveryId, body, sign(body)).statusCode(200).body("published", equalTo(0));
        String id = "woocommerce:" + deliveryId + ":" + crm.ingest.webhooks.BodyDigest.sha256(body).substring(0, 16);
        eventWithId(id);
        assertThat(recordsWithId(id)).isEqualTo(1);
    }

    @Test
    void a_tampered_body_or_signature_is_401_and_an_unknown_signed_topic_is_200_and_ignored() {
        byte[] body = Fixtures.bytes("woocommerce/order_created.json");
        byte[] tampered = body.clone();
        tampered[30] ^= 1;
        post("order.created", unique("d"), tampered, sign(body)).statusCode(401).contentType("application/problem+json");
        post("order.created", unique("d"), body, "AQN5fvKjm/RvUHaJGJvoB9VT2uROJ3Ng/JsT/I3jnbg=").statusCode(401);
        post("order.created", unique("d"), body, null).statusCode(401);
        byte[] product = "{\"id\":93}".getBytes();
        post("product.updated", unique("d"), product, sign(product)).statusCode(200).body("published", equalTo(0))
                .body("deadLettered", equalTo(false));
    }

    @Test
    void a_signed_delivery_the_mapping_cannot_read_is_200_and_lands_on_the_dead_letter_topic_once() {
        byte[] body = "{\"status\":\"processing\",\"billing\":{\"email\":\"jane@example.com\"}}".getBytes();
        String deliveryId = unique("d");
        post("order.created", deliveryId, body, sign(body)).statusCode(200).body("published", equalTo(0))
                .body("deadLettered", equalTo(true));
        String dedupeId = deliveryId + ":" + crm.ingest.webhooks.BodyDigest.sha256(body).substring(0, 16);
        var dead = DeadLetters.await(dedupeId);
        assertThat(dead.key()).isEqualTo(workspaceId);
        assertThat(dead.value()).isEqualTo(new String(body));
        assertThat(DeadLetters.header(dead, "dead-letter-reason")).isEqualTo("a order.created delivery without id");
        assertThat(DeadLetters.header(dead, "crm-webhook-provider")).isEqualTo("woocommerce");
        assertThat(DeadLetters.header(dead, "crm-webhook-topic")).isEqualTo("order.created");
        assertThat(DeadLetters.header(dead, "crm-workspace-id")).isEqualTo(workspaceId);
        assertThat(DeadLetters.header(dead, "crm-webhook-signature")).isEqualTo(sign(body));
        // WooCommerce does not retry, but a replay must not add a second dead letter.
        post("order.created", deliveryId, body, sign(body)).statusCode(200).body("deadLettered", equalTo(true));
        assertThat(DeadLetters.withId(dedupeId)).hasSize(1);
        byte[] notJson = "not json".getBytes();
        String other = unique("d");
        post("order.created", other, notJson, sign(notJson)).statusCode(200).body("deadLettered", equalTo(true));
        assertThat(DeadLetters.await(other + ":" + crm.ingest.webhooks.BodyDigest.sha256(notJson).substring(0, 16))
                .value()).isEqualTo("not json");
    }
}
