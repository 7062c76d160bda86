package crm.ingest.webhooks.twilio;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.MessageEvent;
import crm.ingest.Ingest;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static crm.ingest.webhooks.WebhookCalls.eventWithId;
import static crm.ingest.webhooks.WebhookCalls.recordsWithId;
import static crm.ingest.webhooks.WebhookCalls.setSecret;
import static crm.ingest.webhooks.WebhookCalls.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class TwilioWebhookTest {
    /** %test.crm.public-url: the URL Twilio is configured with, not the one the test client calls. */
    private static final String PUBLIC_URL = "https://crm.example.test";
    private static final String AUTH_TOKEN = "twilio-auth-token";
    private String workspaceId;

    @BeforeEach
    void workspaceWithToken() {
        workspaceId = Ingest.createWorkspace("Twilio " + unique("t")).get("id");
        setSecret(workspaceId, "twilio", AUTH_TOKEN, null);
    }

    private ValidatableResponse post(String query, String form, String signature) {
        String path = "/v1/webhooks/twilio/" + workspaceId;
        var request = given().contentType("application/x-www-form-urlencoded").body(form);
        if (signature != null) request = request.header("X-Twilio-Signature", signature);
        return request.when().post(path + (query == null ? "" : "?" + query)).then();
    }

    private String sign(String query, String form) {
        String url = PUBLIC_URL + "/v1/webhooks/twilio/" + workspaceId + (query == null ? "" : "?" + query);
        return TwilioSignature.compute(AUTH_TOKEN, url, FormBody.parse(form).orElseThrow());
    }

    /** A sample with its MessageSid made unique, so runs and tests do not dedupe each other. */
    private static String withSid(String sample, String sid) {
        return sample.replaceAll("(MessageSid|SmsSid)=[^&]+", "$1=" + sid);
    }

    @Test
    void every_sample_status_callback_lands_as_a_delivered_message_event() {
        for (String sample : TwilioMappingTest.samples()) {
            String sid = "SM" + unique("x").replace("-", "");
            String form = withSid(sample, sid);
            String query = "crm_message_id=" + sid + "-send";
            post(query, form, sign(query, form)).statusCode(200).contentType(containsString("xml"))
                    .body(containsString("<Response>"));
            CustomerEvent e = eventWithId("twilio:" + sid + ":delivered");
            MessageEvent m = MessageEvent.of(e).orElseThrow();
            assertThat(m.status()).isEqualTo(MessageEvent.Status.delivered);
            assertThat(m.messageId()).isEqualTo(sid + "-send");
            assertThat(e.identities().phone()).isNotNull();
            assertThat(e.workspaceId()).isEqualTo(workspaceId);
        }
    }

    @Test
    void an_inbound_stop_unsubscribes_the_sender_from_sms() {
        String sid = "SM" + unique("x").replace("-", "");
        String form = "MessageSid=" + sid + "&SmsStatus=received&From=%2B15551230001&To=%2B15550000000&Body=Stop&AccountSid=AC1";
        post(null, form, sign(null, form)).statusCode(200);
        CustomerEvent e = eventWithId("twilio:" + sid + ":received");
        assertThat(e.type()).isEqualTo(EventType.IDENTIFY);
        assertThat(e.identities().phone()).isEqualTo("+15551230001");
        @SuppressWarnings("unchecked")
        Map<String, Object> consent = (Map<String, Object>) e.traits().get("sms_consent");
        assertThat(consent).containsEntry("state", "unsubscribed").containsEntry("source", "twilio");
    }

    @Test
    void a_replayed_callback_is_deduped_on_message_sid_and_status() {
        String sid = "SM" + unique("x").replace("-", "");
        String sent = "MessageSid=" + sid + "&MessageStatus=sent&To=%2B15551230002&From=%2B15550000000";
        String delivered = "MessageSid=" + sid + "&MessageStatus=delivered&To=%2B15551230002&From=%2B15550000000";
        post(null, sent, sign(null, sent)).statusCode(200);
        post(null, sent, sign(null, sent)).statusCode(200);
        post(null, delivered, sign(null, delivered)).statusCode(200);
        eventWithId("twilio:" + sid + ":delivered");
        assertThat(recordsWithId("twilio:" + sid + ":sent")).isEqualTo(1);
    }

    @Test
    void a_tampered_form_a_signature_over_the_internal_url_or_none_is_401() {
        String form = "MessageSid=SM1&MessageStatus=delivered&To=%2B15551230003";
        String signature = sign(null, form);
        post(null, form.replace("delivered", "failed"), signature).statusCode(401).contentType("application/problem+json");
        post("extra=1", form, signature).statusCode(401);
        String internalUrl = "http://localhost/v1/webhooks/twilio/" + workspaceId;
        post(null, form, TwilioSignature.compute(AUTH_TOKEN, internalUrl, FormBody.parse(form).orElseThrow())).statusCode(401);
        post(null, form, null).statusCode(401);
    }
}
