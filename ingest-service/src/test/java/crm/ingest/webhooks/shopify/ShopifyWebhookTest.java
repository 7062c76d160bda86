package crm.ingest.webhooks.shopify;

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

import java.util.LinkedHashMap;
import java.util.Map;

import static crm.ingest.webhooks.WebhookCalls.eventWithId;
import static crm.ingest.webhooks.WebhookCalls.recordsWithId;
import static crm.ingest.webhooks.WebhookCalls.setSecret;
import static crm.ingest.webhooks.WebhookCalls.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class ShopifyWebhookTest {
    private static final String SECRET = "shpss_test-secret";
    private String workspaceId;

    @BeforeEach
    void workspaceWithSecret() {
        workspaceId = Ingest.createWorkspace("Shopify " + unique("s")).get("id");
        setSecret(workspaceId, "shopify", SECRET, null);
    }

    static ValidatableResponse post(String workspaceId, String topic, String webhookId, byte[] body, String signature) {
        return given().contentType("application/json").header("X-Shopify-Topic", topic)
                .header("X-Shopify-Hmac-Sha256", signature).header("X-Shopify-Webhook-Id", webhookId)
                .header("X-Shopify-Shop-Domain", "snowdevil.myshopify.com").header("X-Shopify-API-Version", "2026-07")
                .body(body).when().post("/v1/webhooks/shopify/" + workspaceId).then();
    }

    @Test
    void every_fixture_posted_with_a_valid_signature_lands_as_its_canonical_event() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("orders/create:orders_create.json", "Order Completed");
        expected.put("orders/delete:orders_delete.json", "Order Cancelled");
        expected.put("refunds/create:refunds_create.json", "Order Refunded");
        expected.put("checkouts/create:checkouts_create.json", "Checkout Started");
        expected.put("checkouts/update:checkouts_update.json", "Checkout Updated");
        expected.put("checkouts/delete:checkouts_delete.json", "Checkout Deleted");
        expected.put("carts/create:carts_create.json", "Cart Updated");
        expected.put("carts/update:carts_update.json", "Cart Updated");
        expected.put("customers/create:customers_create.json", null);
        expected.put("customers/update:customers_update.json", null);
        expected.put("customers/delete:customers_delete.json", "Customer Deleted");
        expected.put("customers/data_request:customers_data_request.json", "Profile Export Requested");
        expected.put("customers/redact:customers_redact.json", "Profile Erase Requested");
        expected.forEach((topicAndFile, name) -> {
            String topic = topicAndFile.split(":")[0];
            byte[] body = Fixtures.bytes("shopify/" + topicAndFile.split(":")[1]);
            String webhookId = unique("wh");
            post(workspaceId, topic, webhookId, body, Hmac.base64(Hmac.SHA256, SECRET, body))
                    .statusCode(200).body("published", equalTo(1)).body("deadLettered", equalTo(false));
            CustomerEvent e = eventWithId("shopify:" + webhookId);
            assertThat(e.workspaceId()).isEqualTo(workspaceId);
            assertThat(e.source()).isEqualTo("shopify");
            assertThat(e.type()).as(topic).isEqualTo(name == null ? EventType.IDENTIFY : EventType.TRACK);
            assertThat(e.name()).as(topic).isEqualTo(name);
        });
    }

    @Test
    void an_order_arrives_on_the_broker_with_its_fields_keyed_by_the_best_identity() {
        byte[] body = Fixtures.bytes("shopify/orders_create.json");
        String webhookId = unique("wh");
        post(workspaceId, "orders/create", webhookId, body, Hmac.base64(Hmac.SHA256, SECRET, body)).statusCode(200);
        CustomerEvent e = eventWithId("shopify:" + webhookId);
        assertThat(e.properties()).containsEntry("order_id", "820982911946154508").containsEntry("currency", "USD");
        assertThat(e.identities().shopifyCustomerId()).isEqualTo("115310627314723954");
        assertThat(e.context()).containsKey("provider");
        assertThat(e.key()).isEqualTo(workspaceId + ":e:jon@example.com");
    }

    @Test
    void a_replayed_delivery_is_answered_200_and_published_once() {
        byte[] body = Fixtures.bytes("shopify/customers_create.json");
        String signature = Hmac.base64(Hmac.SHA256, SECRET, body);
        String webhookId = unique("wh");
        post(workspaceId, "customers/create", webhookId, body, signature).statusCode(200).body("published", equalTo(1));
        post(workspaceId, "customers/create", webhookId, body, signature).statusCode(200).body("published", equalTo(0));
        eventWithId("shopify:" + webhookId);
        assertThat(recordsWithId("shopify:" + webhookId)).isEqualTo(1);
    }

    @Test
    void a_tampered_body_a_wrong_or_missing_signature_is_401_problem_json() {
        byte[] body = Fixtures.bytes("shopify/customers_create.json");
        String signature = Hmac.base64(Hmac.SHA256, SECRET, body);
        byte[] tampered = body.clone();
        tampered[20] ^= 1;
        post(workspaceId, "customers/create", unique("wh"), tampered, signature).statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("X-Shopify-Hmac-Sha256"));
        post(workspaceId, "customers/create", unique("wh"), body, Hmac.base64(Hmac.SHA256, "other", body)).statusCode(401);
        given().contentType("application/json").header("X-Shopify-Topic", "customers/create").body(body)
                .when().post("/v1/webhooks/shopify/" + workspaceId).then().statusCode(401);
    }

    @Test
    void an_unknown_workspace_is_the_same_401_as_a_bad_signature() {
        byte[] body = Fixtures.bytes("shopify/orders_delete.json");
        post("no-such-workspace", "orders/delete", unique("wh"), body, Hmac.base64(Hmac.SHA256, SECRET, body))
                .statusCode(401).body("detail", equalTo("missing or invalid X-Shopify-Hmac-Sha256"));
    }

    @Test
    void a_signed_topic_the_suite_does_not_use_is_acknowledged_and_ignored() {
        byte[] body = "{\"id\":1,\"title\":\"Hat\"}".getBytes();
        post(workspaceId, "products/update", unique("wh"), body, Hmac.base64(Hmac.SHA256, SECRET, body))
                .statusCode(200).body("published", equalTo(0));
    }

    @Test
    void a_signed_body_that_is_not_a_json_object_is_200_and_kept_on_the_dead_letter_topic() {
        byte[] body = "[1,2".getBytes();
        String webhookId = unique("wh");
        post(workspaceId, "orders/create", webhookId, body, Hmac.base64(Hmac.SHA256, SECRET, body))
                .statusCode(200).body("published", equalTo(0)).body("deadLettered", equalTo(true));
        var dead = DeadLetters.await(webhookId);
        assertThat(dead.value()).isEqualTo("[1,2");
        assertThat(DeadLetters.header(dead, "dead-letter-reason")).contains("not a JSON object");
    }
}
