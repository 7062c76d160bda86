package crm.ingest.webhooks.twilio;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.MessageEvent;
import crm.ingest.webhooks.Fixtures;
import crm.ingest.webhooks.InboundEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioMappingTest {
    private static final Instant RECEIVED = Instant.parse("2026-01-01T10:00:00Z");

    /** The form bodies of status_callback_samples.txt. */
    static List<String> samples() {
        return Fixtures.text("twilio/status_callback_samples.txt").lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    private static Map<String, List<String>> form(String text) {
        return FormBody.parse(text).orElseThrow();
    }

    @Test
    void the_request_validator_test_vector_is_reproduced() {
        Map<String, List<String>> params = Map.of("Digits", List.of("1234"), "CallSid", List.of("CA1234567890ABCDE"),
                "To", List.of("+18005551212"), "Caller", List.of("+14158675309"), "From", List.of("+14158675309"));
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        assertThat(TwilioSignature.compute("12345", url, params)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assertThat(TwilioSignature.matchesAny(List.of("other", "12345"), url, params, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
        assertThat(TwilioSignature.matchesAny(List.of("12345"), url + "&x=1", params, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
    }

    @Test
    void every_sample_status_callback_is_a_delivered_sms_to_the_recipient() {
        List<String> samples = samples();
        assertThat(samples).hasSize(3);
        InboundEvent first = TwilioMapping.map("ws-1", form(samples.get(0)), Map.of(), RECEIVED).orElseThrow();
        assertThat(first.dedupeId()).isEqualTo("SM1fc5c260adf048999bce1a51c6a3565f:delivered");
        CustomerEvent e = first.event();
        assertThat(e.name()).isEqualTo("Message Delivered");
        assertThat(e.identities().phone()).isEqualTo("+8613314517617");
        assertThat(e.source()).isEqualTo("twilio");
        MessageEvent m = MessageEvent.of(e).orElseThrow();
        assertThat(m.channel()).isEqualTo(MessageEvent.Channel.sms);
        assertThat(m.provider()).isEqualTo("twilio");
        for (String sample : samples) {
            assertThat(TwilioMapping.map("ws-1", form(sample), Map.of(), RECEIVED).orElseThrow().event().name())
                    .isEqualTo("Message Delivered");
        }
    }

    @Test
    void statuses_map_to_message_statuses() {
        assertThat(TwilioMapping.status("queued")).contains(MessageEvent.Status.sent);
        assertThat(TwilioMapping.status("sent")).contains(MessageEvent.Status.sent);
        assertThat(TwilioMapping.status("delivered")).contains(MessageEvent.Status.delivered);
        assertThat(TwilioMapping.status("undelivered")).contains(MessageEvent.Status.bounced);
        assertThat(TwilioMapping.status("failed")).contains(MessageEvent.Status.failed);
        assertThat(TwilioMapping.status("read")).contains(MessageEvent.Status.opened);
        assertThat(TwilioMapping.status("received")).isEmpty();
    }

    @Test
    void a_failed_whatsapp_message_names_our_send_and_the_error() {
        InboundEvent e = TwilioMapping.map("ws-1", form("MessageSid=SM1&MessageStatus=failed&To=whatsapp%3A%2B15551234567"
                        + "&From=whatsapp%3A%2B15550000000&ErrorCode=63016&ErrorMessage=Outside+window"),
                form("crm_message_id=run-1%3Astep-1&crm_journey_id=j-1"), RECEIVED).orElseThrow();
        MessageEvent m = MessageEvent.of(e.event()).orElseThrow();
        assertThat(m.status()).isEqualTo(MessageEvent.Status.failed);
        assertThat(m.channel()).isEqualTo(MessageEvent.Channel.whatsapp);
        assertThat(m.messageId()).isEqualTo("run-1:step-1");
        assertThat(m.journeyId()).isEqualTo("j-1");
        assertThat(m.reason()).isEqualTo("error 63016: Outside window");
        assertThat(e.event().identities().phone()).isEqualTo("+15551234567");
    }

    @Test
    void inbound_stop_and_start_change_sms_consent_of_the_sender() {
        for (String body : List.of("STOP", " stop ", "Unsubscribe", "QUIT")) {
            CustomerEvent e = TwilioMapping.map("ws-1", Map.of("MessageSid", List.of("SM9"), "SmsStatus", List.of("received"),
                    "From", List.of("+15551234567"), "To", List.of("+15550000000"), "Body", List.of(body)), Map.of(), RECEIVED)
                    .orElseThrow().event();
            assertThat(e.type()).isEqualTo(EventType.IDENTIFY);
            assertThat(e.identities().phone()).isEqualTo("+15551234567");
            @SuppressWarnings("unchecked")
            Map<String, Object> consent = (Map<String, Object>) e.traits().get("sms_consent");
            assertThat(consent).containsEntry("state", "unsubscribed").containsEntry("source", "twilio")
                    .containsEntry("consent_updated_at", RECEIVED.toString());
        }
        CustomerEvent start = TwilioMapping.map("ws-1", Map.of("MessageSid", List.of("SM10"), "From", List.of("+15551234567"),
                "Body", List.of("start")), Map.of(), RECEIVED).orElseThrow().event();
        assertThat(start.traits().get("sms_consent")).isEqualTo(Map.of("state", "subscribed",
                "consent_updated_at", RECEIVED.toString(), "source", "twilio", "keyword", "START"));
        assertThat(TwilioMapping.map("ws-1", Map.of("MessageSid", List.of("SM11"), "From", List.of("+1555"),
                "Body", List.of("please stop sending")), Map.of(), RECEIVED)).isEmpty();
    }
}
