package crm.journey.definition;

import crm.events.Json;
import crm.events.MessageEvent;
import crm.journey.guards.QuietHoursPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hold or skip in quiet hours: chosen per journey, overridden per send step, else the configured default. */
class QuietHoursChoiceTest {
    static final Trigger TRIGGER = new Trigger.SegmentEntered("seg");

    @Test
    void a_step_without_a_choice_follows_its_journey_and_a_step_with_one_overrides_it() {
        var follows = new Step.Send("a", MessageEvent.Channel.sms, "lost-checkout-sms");
        var holds = new Step.Send("b", MessageEvent.Channel.sms, "lost-checkout-sms", null, QuietHoursPolicy.hold);
        var skipping = new JourneyDefinition(TRIGGER, null, List.of(follows, holds), null, null, QuietHoursPolicy.skip);
        assertThat(skipping.quietHoursOf(follows)).isEqualTo(QuietHoursPolicy.skip);
        assertThat(skipping.quietHoursOf(holds)).isEqualTo(QuietHoursPolicy.hold);

        var unspecified = new JourneyDefinition(TRIGGER, List.of(follows, holds));
        assertThat(unspecified.quietHoursOf(follows)).as("null: the configured default").isNull();
        assertThat(unspecified.quietHoursOf(holds)).isEqualTo(QuietHoursPolicy.hold);
    }

    @Test
    void the_choice_is_read_from_and_written_to_the_definitions_json() {
        String json = """
                {"trigger": {"type": "segment_entered", "segmentId": "s"}, "quietHours": "skip",
                 "steps": [{"type": "send", "id": "text", "channel": "whatsapp", "template": "lost-checkout-sms", "quietHours": "hold"}]}""";
        JourneyDefinition d = Json.read(json, JourneyDefinition.class);
        assertThat(d.quietHours()).isEqualTo(QuietHoursPolicy.skip);
        assertThat(((Step.Send) d.steps().get(0)).quietHours()).isEqualTo(QuietHoursPolicy.hold);
        assertThat(Json.read(Json.write(d), JourneyDefinition.class)).isEqualTo(d);
        assertThat(Json.write(new JourneyDefinition(TRIGGER, List.of(new Step.Send("a", MessageEvent.Channel.email, "welcome")))))
                .doesNotContain("quietHours");
    }

    @Test
    void an_unknown_choice_is_refused_when_read() {
        assertThatThrownBy(() -> Json.read("""
                {"trigger": {"type": "segment_entered", "segmentId": "s"}, "quietHours": "later", "steps": []}""",
                JourneyDefinition.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
