package crm.journey.providers;

import crm.events.MessageEvent.Channel;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Providers carry our ids back in their callbacks, so ingest's message events name the message and its run. */
class CallbackIdsTest {
    static OutboundMessage message(String runId) {
        return new OutboundMessage(runId == null ? "test:1" : runId + ":text", "ws-1", "p-1", "j-1", runId, "text",
                Channel.sms, "+14155550100", null, null, "Hi", Map.of(), Map.of());
    }

    @Test
    void twilios_status_callback_url_names_the_message_and_its_run() {
        String run = "6f1c1f9e-2a53-4a39-9d0e-7d2b0c0f6a11";
        assertThat(TwilioSms.callback("https://ingest.example/v1/webhooks/twilio/ws-1", message(run)))
                .isEqualTo("https://ingest.example/v1/webhooks/twilio/ws-1?crm_message_id=" + run + "%3Atext"
                        + "&crm_journey_id=j-1&crm_run_id=" + run + "&crm_step_id=text");
        assertThat(TwilioSms.callback("https://ingest.example/cb?x=1", message(run))).startsWith("https://ingest.example/cb?x=1&crm_message_id=");
    }

    @Test
    void a_test_send_carries_no_ids_nothing_is_recorded_about_it() {
        assertThat(message(null).callbackIds()).isEmpty();
        assertThat(TwilioSms.callback("https://ingest.example/cb", message(null))).isEqualTo("https://ingest.example/cb");
    }
}
