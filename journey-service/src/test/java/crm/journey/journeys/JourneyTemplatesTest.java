package crm.journey.journeys;

import crm.events.MessageEvent;
import crm.events.PresetSegments;
import crm.journey.definition.DefinitionValidator;
import crm.journey.definition.Step;
import crm.journey.sends.MessageTemplates;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JourneyTemplatesTest {

    @Test
    void welcome_is_triggered_by_entering_the_workspace_customers_preset() {
        JourneyTemplate welcome = JourneyTemplates.welcome("ws-1");
        assertThat(welcome.key()).isEqualTo("welcome");
        assertThat(welcome.name()).isEqualTo("Welcome");
        assertThat(welcome.definition().isTriggeredByEntering(PresetSegments.id("ws-1", PresetSegments.CUSTOMERS))).isTrue();
        assertThat(welcome.definition().isTriggeredByEntering(PresetSegments.id("ws-2", PresetSegments.CUSTOMERS))).isFalse();
    }

    @Test
    void welcome_sends_the_welcome_email_at_once_then_two_more_within_8_days() {
        assertThat(JourneyTemplates.welcome("ws-1").definition().steps()).containsExactly(
                new Step.Send("welcome-email", MessageEvent.Channel.email, "welcome"),
                Step.Wait.of("wait-3-days", "P3D"),
                new Step.Send("welcome-tips", MessageEvent.Channel.email, "welcome-tips"),
                Step.Wait.of("wait-5-days", "P5D"),
                new Step.Send("welcome-offer", MessageEvent.Channel.email, "welcome-offer"));
    }

    @Test
    void every_template_is_a_valid_definition() {
        DefinitionValidator validator = new DefinitionValidator(MessageTemplates.byChannel());
        assertThat(JourneyTemplates.all("ws-1")).hasSize(10)
                .allSatisfy(t -> assertThat(validator.violations(t.definition())).as(t.key()).isEmpty());
        assertThat(JourneyTemplates.all("ws-1")).extracting(JourneyTemplate::key).doesNotHaveDuplicates();
    }

    @Test
    void every_message_a_template_sends_has_its_qute_bodies() {
        for (JourneyTemplate t : JourneyTemplates.all("ws-1")) {
            for (Step step : t.definition().steps()) {
                if (!(step instanceof Step.Send send)) continue;
                List<String> paths = send.channel() == MessageEvent.Channel.email
                        ? List.of("/templates/email/" + send.template() + ".html", "/templates/email/" + send.template() + ".txt")
                        : List.of("/templates/sms/" + send.template() + ".txt");
                assertThat(paths).allSatisfy(p -> assertThat(getClass().getResource(p)).as(t.key() + " " + p).isNotNull());
                if (send.channel() == MessageEvent.Channel.email) assertThat(MessageTemplates.subject(send.template())).isPresent();
            }
        }
    }

    @Test
    void template_journey_ids_are_stable_per_workspace_and_distinct_between_workspaces() {
        assertThat(JourneyTemplates.journeyId("ws-1", "welcome")).isEqualTo(JourneyTemplates.journeyId("ws-1", "welcome"));
        assertThat(JourneyTemplates.journeyId("ws-1", "welcome")).isNotEqualTo(JourneyTemplates.journeyId("ws-2", "welcome"));
    }

    @Test
    void only_an_active_journey_with_a_step_starts_on_its_trigger() {
        JourneyTemplate t = JourneyTemplates.welcome("ws-1");
        String customers = PresetSegments.id("ws-1", PresetSegments.CUSTOMERS);
        Journey active = new Journey("j", "ws-1", "welcome", "Welcome", JourneyStatus.active, t.definition(), 1, Instant.EPOCH);
        Journey paused = new Journey("j", "ws-1", "welcome", "Welcome", JourneyStatus.paused, t.definition(), 1, Instant.EPOCH);
        Journey empty = new Journey("j", "ws-1", null, "Empty", JourneyStatus.active,
                new crm.journey.definition.JourneyDefinition(t.definition().trigger(), List.of()), 1, Instant.EPOCH);
        assertThat(active.startsOnEntering(customers)).isTrue();
        assertThat(active.startsOnEntering("other")).isFalse();
        assertThat(paused.startsOnEntering(customers)).isFalse();
        assertThat(empty.startsOnEntering(customers)).isFalse();
    }
}
