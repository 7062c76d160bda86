package crm.ingest.webhooks.sendgrid;

import crm.events.CustomerEvent;
import crm.events.MessageEvent;
import crm.ingest.webhooks.Fixtures;
import crm.ingest.webhooks.InboundEvent;
import crm.ingest.webhooks.JsonPayload;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SendGridMappingTest {
    static final String VECTOR_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
    static final String VECTOR_SIGNATURE = "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=";
    static final String VECTOR_TIMESTAMP = "1600112502";
    private static final Instant RECEIVED = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void the_signed_test_vector_verifies_and_a_change_of_any_part_does_not() {
        byte[] body = Fixtures.bytes("sendgrid/signed_test_vector_payload.bin");
        assertThat(SendGridSignature.verifiesWithAny(List.of(VECTOR_KEY), VECTOR_TIMESTAMP, body, VECTOR_SIGNATURE)).isTrue();
        byte[] tampered = body.clone();
        tampered[10] ^= 1;
        assertThat(SendGridSignature.verifiesWithAny(List.of(VECTOR_KEY), VECTOR_TIMESTAMP, tampered, VECTOR_SIGNATURE)).isFalse();
        assertThat(SendGridSignature.verifiesWithAny(List.of(VECTOR_KEY), "1600112503", body, VECTOR_SIGNATURE)).isFalse();
        assertThat(SendGridSignature.verifiesWithAny(List.of(VECTOR_KEY), VECTOR_TIMESTAMP, body, "bm90IGEgc2lnbmF0dXJl")).isFalse();
        assertThat(SendGridSignature.verifiesWithAny(List.of(), VECTOR_TIMESTAMP, body, VECTOR_SIGNATURE)).isFalse();
        assertThat(SendGridSignature.verifiesWithAny(List.of(VECTOR_KEY), null, body, VECTOR_SIGNATURE)).isFalse();
    }

    @Test
    void the_verification_key_is_read_as_base64_or_pem_and_other_text_is_refused() {
        assertThat(SendGridSignature.publicKey(VECTOR_KEY)).isPresent();
        assertThat(SendGridSignature.publicKey("-----BEGIN PUBLIC KEY-----\n" + VECTOR_KEY + "\n-----END PUBLIC KEY-----\n")).isPresent();
        assertThat(SendGridSignature.publicKey("a shared secret")).isEmpty();
    }

    @Test
    void all_eleven_event_types_map_to_message_statuses() {
        List<?> batch = (List<?>) JsonPayload.parse(Fixtures.bytes("sendgrid/event_webhook_sample_all_types.json")).orElseThrow();
        List<InboundEvent> events = SendGridMapping.map("ws-1", batch, RECEIVED);
        assertThat(events).hasSize(11);
        assertThat(events.stream().map(e -> e.event().name())).containsExactly(
                "Message Processed", "Message Deferred", "Message Delivered", "Message Opened", "Message Clicked",
                "Message Bounced", "Message Dropped", "Message Spam Reported", "Message Unsubscribed",
                "Message Group Unsubscribed", "Message Group Resubscribed");
        // The sample reuses one sg_event_id: the event type keeps the ids distinct.
        assertThat(events.stream().map(InboundEvent::dedupeId).distinct()).hasSize(11);
        CustomerEvent bounce = events.get(5).event();
        assertThat(bounce.identities().email()).isEqualTo("example@test.com");
        assertThat(bounce.source()).isEqualTo("sendgrid");
        assertThat(bounce.timestamp()).isEqualTo(Instant.ofEpochSecond(1513299569));
        assertThat(bounce.receivedAt()).isEqualTo(RECEIVED);
        assertThat(bounce.properties()).containsEntry("channel", "email").containsEntry("provider", "sendgrid")
                .containsEntry("reason", "500 unknown recipient").containsEntry("smtp_status", "5.0.0")
                .containsEntry("provider_message_id", "sg_message_id");
        assertThat(MessageEvent.of(bounce).orElseThrow().status()).isEqualTo(MessageEvent.Status.bounced);
        assertThat(events.get(4).event().properties()).containsEntry("url", "http://www.sendgrid.com/");
        assertThat(events.get(1).event().properties()).containsEntry("reason", "400 try again later");
    }

    @Test
    void our_custom_args_name_the_message_and_unknown_or_anonymous_events_are_skipped() {
        List<InboundEvent> events = SendGridMapping.map("ws-1", List.of(
                Map.of("email", "a@b.c", "event", "open", "sg_event_id", "e1", "timestamp", 1,
                        "crm_message_id", "run-1:step-2", "crm_journey_id", "j-1", "crm_run_id", "run-1", "crm_step_id", "step-2"),
                Map.of("email", "a@b.c", "event", "account_status_change", "sg_event_id", "e2"),
                Map.of("event", "open", "sg_event_id", "e3"),
                "not an event"), RECEIVED);
        assertThat(events).hasSize(1);
        MessageEvent m = MessageEvent.of(events.get(0).event()).orElseThrow();
        assertThat(m.messageId()).isEqualTo("run-1:step-2");
        assertThat(m.journeyId()).isEqualTo("j-1");
        assertThat(m.runId()).isEqualTo("run-1");
        assertThat(m.stepId()).isEqualTo("step-2");
        assertThat(events.get(0).event().id()).isEqualTo("sendgrid:e1:open");
    }

    @Test
    void every_documented_type_has_a_status() {
        for (String type : Arrays.asList("processed", "dropped", "delivered", "deferred", "bounce", "open", "click",
                "spamreport", "unsubscribe", "group_unsubscribe", "group_resubscribe")) {
            assertThat(SendGridMapping.status(type)).as(type).isPresent();
        }
    }
}
