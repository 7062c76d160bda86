package crm.ingest.webhooks.sendgrid;

import crm.events.CustomerEvent;
import crm.events.MessageEvent;
import crm.ingest.Ingest;
import crm.ingest.webhooks.Fixtures;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;

import static crm.ingest.webhooks.WebhookCalls.eventWithId;
import static crm.ingest.webhooks.WebhookCalls.setSecret;
import static crm.ingest.webhooks.WebhookCalls.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class SendGridWebhookTest {
    static ValidatableResponse post(String workspaceId, byte[] body, String timestamp, String signature) {
        return given().contentType("application/json")
                .header("X-Twilio-Email-Event-Webhook-Timestamp", timestamp)
                .header("X-Twilio-Email-Event-Webhook-Signature", signature)
                .body(body).when().post("/v1/webhooks/sendgrid/" + workspaceId).then();
    }

    static KeyPair newKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static String sign(KeyPair keys, String timestamp, byte[] body) throws Exception {
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(keys.getPrivate());
        ecdsa.update(timestamp.getBytes(StandardCharsets.UTF_8));
        ecdsa.update(body);
        return Base64.getEncoder().encodeToString(ecdsa.sign());
    }

    @Test
    void the_signed_test_vector_lands_as_a_dropped_message_and_its_replay_is_deduped() {
        String workspaceId = Ingest.createWorkspace("SendGrid " + unique("g")).get("id");
        setSecret(workspaceId, "sendgrid", SendGridMappingTest.VECTOR_KEY, null);
        byte[] body = Fixtures.bytes("sendgrid/signed_test_vector_payload.bin");
        post(workspaceId, body, SendGridMappingTest.VECTOR_TIMESTAMP, SendGridMappingTest.VECTOR_SIGNATURE)
                .statusCode(200).body("published", equalTo(1));
        post(workspaceId, body, SendGridMappingTest.VECTOR_TIMESTAMP, SendGridMappingTest.VECTOR_SIGNATURE)
                .statusCode(200).body("published", equalTo(0));
        String id = "sendgrid:ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA:dropped";
        CustomerEvent e = eventWithId(workspaceId, id);
        assertThat(e.identities().email()).isEqualTo("hello@world.com");
        assertThat(MessageEvent.of(e).orElseThrow().status()).isEqualTo(MessageEvent.Status.dropped);
        assertThat(e.properties()).containsEntry("reason", "Bounced Address");
        // Other tests post the same vector to their own workspaces: count this workspace's copies only.
        assertThat(CrmTestInfra.kafka().all(crm.events.Topics.EVENTS).stream()
                .filter(r -> r.value().contains(id) && r.value().contains(workspaceId)).count()).isEqualTo(1);
    }

    @Test
    void all_eleven_sample_events_signed_with_the_workspace_key_land_as_message_events() throws Exception {
        String workspaceId = Ingest.createWorkspace("SendGrid " + unique("g")).get("id");
        KeyPair keys = newKeyPair();
        setSecret(workspaceId, "sendgrid", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()), null);
        byte[] body = Fixtures.bytes("sendgrid/event_webhook_sample_all_types.json");
        String timestamp = "1700000000";
        post(workspaceId, body, timestamp, sign(keys, timestamp, body)).statusCode(200).body("published", equalTo(11));
        for (String type : List.of("processed", "deferred", "delivered", "open", "click", "bounce", "dropped",
                "spamreport", "unsubscribe", "group_unsubscribe", "group_resubscribe")) {
            CustomerEvent e = crm.events.Json.read(CrmTestInfra.kafka().await(crm.events.Topics.EVENTS,
                    r -> r.value().contains(workspaceId) && r.value().contains("\"sendgrid:sg_event_id:" + type + "\""),
                    java.time.Duration.ofSeconds(30)).value(), CustomerEvent.class);
            assertThat(MessageEvent.of(e)).as(type).isPresent();
            assertThat(e.identities().email()).isEqualTo("example@test.com");
        }
    }

    @Test
    void a_tampered_body_a_foreign_key_or_a_missing_signature_is_401() throws Exception {
        String workspaceId = Ingest.createWorkspace("SendGrid " + unique("g")).get("id");
        setSecret(workspaceId, "sendgrid", SendGridMappingTest.VECTOR_KEY, null);
        byte[] body = Fixtures.bytes("sendgrid/signed_test_vector_payload.bin");
        byte[] tampered = body.clone();
        tampered[12] ^= 1;
        post(workspaceId, tampered, SendGridMappingTest.VECTOR_TIMESTAMP, SendGridMappingTest.VECTOR_SIGNATURE)
                .statusCode(401).contentType("application/problem+json");
        post(workspaceId, body, "1600112503", SendGridMappingTest.VECTOR_SIGNATURE).statusCode(401);
        KeyPair other = newKeyPair();
        post(workspaceId, body, "1", sign(other, "1", body)).statusCode(401);
        given().contentType("application/json").body(body).when().post("/v1/webhooks/sendgrid/" + workspaceId)
                .then().statusCode(401);
    }
}
