package crm.journey.sends;

import crm.events.MessageEvent;
import crm.journey.definition.Step;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SendRulesTest {
    private static final UUID RUN = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final Step.Send WELCOME = new Step.Send("welcome-email", MessageEvent.Channel.email, "welcome");

    @Test
    void the_idempotency_key_is_run_and_step() {
        assertThat(PlannedSend.of(RUN, WELCOME, Map.of(), Instant.EPOCH).idempotencyKey())
                .isEqualTo("00000000-0000-0000-0000-000000000001:welcome-email");
    }

    @Test
    void an_email_send_is_addressed_to_the_normalised_profile_email() {
        PlannedSend send = PlannedSend.of(RUN, WELCOME, Map.of("email", "  Ada@Example.COM ", "first_name", "Ada"), Instant.EPOCH);
        assertThat(send.recipient()).isEqualTo("ada@example.com");
        assertThat(send.variables()).containsEntry("first_name", "Ada");
        assertThat(send.template()).isEqualTo("welcome");
        assertThat(send.channel()).isEqualTo(MessageEvent.Channel.email);
        assertThat(send.dueAt()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void a_profile_without_email_gives_a_send_without_recipient() {
        assertThat(PlannedSend.of(RUN, WELCOME, Map.of("first_name", "Ada"), Instant.EPOCH).recipient()).isNull();
        assertThat(PlannedSend.of(RUN, WELCOME, Map.of("email", "  "), Instant.EPOCH).recipient()).isNull();
        assertThat(PlannedSend.of(RUN, WELCOME, null, Instant.EPOCH).recipient()).isNull();
    }

    @Test
    void a_text_message_is_addressed_to_the_phone() {
        var sms = new Step.Send("s", MessageEvent.Channel.sms, "welcome");
        assertThat(PlannedSend.of(RUN, sms, Map.of("phone", " +33612345678 ", "email", "a@b.c"), Instant.EPOCH).recipient())
                .isEqualTo("+33612345678");
    }

    @Test
    void the_trigger_event_travels_to_the_templates_under_event() {
        PlannedSend send = PlannedSend.of(RUN, WELCOME, Map.of("email", "a@b.c"), Map.of("checkout_url", "https://shop/c/1"), Instant.EPOCH);
        assertThat(send.variables()).containsEntry("email", "a@b.c")
                .containsEntry(PlannedSend.EVENT_VARIABLE, Map.of("checkout_url", "https://shop/c/1"));
        assertThat(send.recipient()).isEqualTo("a@b.c");
    }

    @Test
    void the_greeting_uses_the_first_name_when_known() {
        assertThat(MessageTemplates.firstName(Map.of("first_name", " Ada "))).contains("Ada");
        assertThat(MessageTemplates.firstName(Map.of("firstName", "Grace"))).contains("Grace");
        assertThat(MessageTemplates.firstName(Map.of("first_name", ""))).isEmpty();
        Map<String, Object> nullName = new HashMap<>();
        nullName.put("first_name", null);
        assertThat(MessageTemplates.firstName(nullName)).isEmpty();
    }

    @Test
    void the_welcome_template_has_its_subject() {
        assertThat(MessageTemplates.subject("welcome")).contains("Welcome!");
        assertThat(MessageTemplates.subject("nope")).isEmpty();
        assertThat(MessageTemplates.keys()).contains("welcome");
    }

    @Test
    void send_statuses_after_the_provider_are_final() {
        assertThat(SendStatus.sent.isFinal()).isTrue();
        assertThat(SendStatus.failed.isFinal()).isTrue();
        assertThat(SendStatus.skipped.isFinal()).isTrue();
        assertThat(SendStatus.pending.isFinal()).isFalse();
        assertThat(SendStatus.sending.isFinal()).isFalse();
    }
}
