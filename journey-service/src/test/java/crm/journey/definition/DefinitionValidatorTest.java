package crm.journey.definition;

import crm.events.MessageEvent;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DefinitionValidatorTest {
    private final DefinitionValidator validator = new DefinitionValidator(Set.of("welcome"));
    private final Trigger trigger = new Trigger.SegmentEntered("seg");

    private static Step send(String id) {
        return new Step.Send(id, MessageEvent.Channel.email, "welcome");
    }

    @Test
    void a_segment_trigger_with_one_email_step_is_valid() {
        assertThat(validator.violations(new JourneyDefinition(trigger, List.of(send("welcome-email"))))).isEmpty();
        assertThat(validator.isValid(new JourneyDefinition(trigger, List.of(send("welcome-email"))))).isTrue();
    }

    @Test
    void a_missing_definition_is_refused() {
        assertThat(validator.violations(null)).containsExactly(new Violation("definition", "is required"));
    }

    @Test
    void a_journey_needs_a_trigger() {
        assertThat(validator.violations(new JourneyDefinition(null, List.of(send("a")))))
                .containsExactly(new Violation("trigger", "is required"));
    }

    @Test
    void a_segment_trigger_names_its_segment() {
        assertThat(validator.violations(new JourneyDefinition(new Trigger.SegmentEntered(" "), List.of(send("a")))))
                .extracting(Violation::field).containsExactly("trigger.segmentId");
    }

    @Test
    void a_trigger_longer_than_its_index_holds_is_refused_naming_it() {
        assertThat(validator.violations(new JourneyDefinition(new Trigger.SegmentEntered("s".repeat(256)), List.of(send("a")))))
                .extracting(Violation::field).containsExactly("trigger.segmentId");
        assertThat(validator.violations(new JourneyDefinition(new Trigger.EventHappened("e".repeat(8000), java.util.Map.of()),
                List.of(send("a"))))).extracting(Violation::field).containsExactly("trigger.event");
        assertThat(validator.violations(new JourneyDefinition(new Trigger.EventHappened("e".repeat(255), java.util.Map.of()),
                List.of(send("a"))))).isEmpty();
    }

    @Test
    void a_journey_needs_at_least_one_step() {
        assertThat(validator.violations(new JourneyDefinition(trigger, List.of())))
                .extracting(Violation::field).containsExactly("steps");
    }

    @Test
    void step_ids_are_unique_within_a_journey() {
        assertThat(validator.violations(new JourneyDefinition(trigger, List.of(send("a"), send("b"), send("a")))))
                .extracting(Violation::field).containsExactly("steps[2].id");
    }

    @Test
    void step_ids_cannot_carry_the_idempotency_key_separator_or_upper_case() {
        assertThat(validator.violations(new JourneyDefinition(trigger, List.of(send("a:b"), send("Welcome"), send("")))))
                .extracting(Violation::field).containsExactly("steps[0].id", "steps[1].id", "steps[2].id");
    }

    @Test
    void step_ids_are_at_most_63_characters() {
        assertThat(validator.isValid(new JourneyDefinition(trigger, List.of(send("a".repeat(63)))))).isTrue();
        assertThat(validator.isValid(new JourneyDefinition(trigger, List.of(send("a".repeat(64)))))).isFalse();
    }

    @Test
    void a_null_step_is_refused_by_its_position() {
        assertThat(validator.violations(new JourneyDefinition(trigger, Arrays.asList(send("a"), null))))
                .extracting(Violation::field).containsExactly("steps[1]");
    }

    @Test
    void every_channel_with_a_provider_is_accepted_with_a_template_of_its_own() {
        DefinitionValidator byChannel = new DefinitionValidator(crm.journey.sends.MessageTemplates.byChannel());
        var whatsapp = new Step.Send("whatsapp", MessageEvent.Channel.whatsapp, "lost-checkout-sms");
        var hook = new Step.Send("hook", MessageEvent.Channel.webhook, "cart.reminder");
        var sms = new Step.Send("sms", MessageEvent.Channel.sms, "lost-checkout-sms");
        var email = new Step.Send("email", MessageEvent.Channel.email, "welcome");
        assertThat(byChannel.violations(new JourneyDefinition(trigger, List.of(email, sms, whatsapp, hook)))).isEmpty();
    }

    @Test
    void a_send_step_cannot_name_another_channels_template() {
        DefinitionValidator byChannel = new DefinitionValidator(crm.journey.sends.MessageTemplates.byChannel());
        var smsWithEmailTemplate = new Step.Send("a", MessageEvent.Channel.sms, "welcome");
        var emailWithSmsTemplate = new Step.Send("b", MessageEvent.Channel.email, "lost-checkout-sms");
        var whatsappWithEmailTemplate = new Step.Send("c", MessageEvent.Channel.whatsapp, "welcome");
        var hookWithSpaces = new Step.Send("d", MessageEvent.Channel.webhook, "not a name");
        assertThat(byChannel.violations(new JourneyDefinition(trigger,
                List.of(smsWithEmailTemplate, emailWithSmsTemplate, whatsappWithEmailTemplate, hookWithSpaces))))
                .extracting(Violation::field, Violation::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("steps[0].template", "no sms template 'welcome'"),
                        org.assertj.core.groups.Tuple.tuple("steps[1].template", "no email template 'lost-checkout-sms'"),
                        org.assertj.core.groups.Tuple.tuple("steps[2].template", "no whatsapp template 'welcome'"),
                        org.assertj.core.groups.Tuple.tuple("steps[3].template", "no webhook template 'not a name'"));
    }

    @Test
    void a_wait_for_an_event_about_one_message_waits_for_a_message_event() {
        var mail = new Step.Send("mail", MessageEvent.Channel.email, "welcome");
        var ordered = new Step.WaitForEvent("w", "Order Completed", "mail", "P1D", "x", "x");
        var opened = new Step.WaitForEvent("w", "Message Clicked", "mail", "P1D", "x", "x");
        var exit = new Step.Exit("x");
        assertThat(validator.violations(new JourneyDefinition(trigger, List.of(mail, ordered, exit))))
                .singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("steps[1].event"));
        assertThat(validator.violations(new JourneyDefinition(trigger, List.of(mail, opened, exit)))).isEmpty();
    }

    @Test
    void a_send_names_a_channel_and_an_existing_template() {
        var noChannel = new Step.Send("a", null, "welcome");
        var noTemplate = new Step.Send("b", MessageEvent.Channel.email, null);
        var unknownTemplate = new Step.Send("c", MessageEvent.Channel.email, "goodbye");
        assertThat(validator.violations(new JourneyDefinition(trigger, List.of(noChannel, noTemplate, unknownTemplate))))
                .extracting(Violation::field)
                .containsExactly("steps[0].channel", "steps[1].template", "steps[2].template");
    }

    @Test
    void every_violation_is_reported_at_once() {
        assertThat(validator.violations(new JourneyDefinition(null, List.of()))).hasSize(2);
    }
}
