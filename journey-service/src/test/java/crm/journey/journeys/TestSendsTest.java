package crm.journey.journeys;

import crm.events.MessageEvent.Channel;
import crm.journey.definition.JourneyDefinition;
import crm.journey.definition.Step;
import crm.journey.definition.Trigger;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TestSendsTest {
    static final JourneyDefinition JOURNEY = new JourneyDefinition(new Trigger.SegmentEntered("seg"), List.of(
            new Step.Send("mail", Channel.email, "welcome"),
            Step.Wait.of("pause", "P1D"),
            new Step.Send("text", Channel.sms, "lost-checkout-sms"),
            new Step.Send("chat", Channel.whatsapp, "lost-checkout-sms"),
            new Step.Send("hook", Channel.webhook, "cart.reminder")));

    static TestSends.Checked check(String step, String to) {
        return TestSends.check(JOURNEY, new TestSendRequest(step, to, Map.of(), Map.of(), null));
    }

    static String refusedField(TestSends.Checked c) {
        return c.refused() == null ? null : c.refused().field();
    }

    @Test
    void the_address_must_suit_the_steps_channel() {
        assertThat(check("mail", " Ada@Example.com ").to()).isEqualTo("ada@example.com");
        assertThat(check("text", "+14155550100").to()).isEqualTo("+14155550100");
        assertThat(check("chat", "+33612345678").step().channel()).isEqualTo(Channel.whatsapp);
        assertThat(refusedField(check("mail", "+14155550100"))).isEqualTo("to");
        assertThat(refusedField(check("mail", "ada@example"))).isEqualTo("to");
        assertThat(refusedField(check("mail", null))).isEqualTo("to");
        assertThat(refusedField(check("text", "ada@example.com"))).isEqualTo("to");
        assertThat(refusedField(check("text", "0612345678"))).isEqualTo("to");
        assertThat(refusedField(check("chat", "+1"))).isEqualTo("to");
    }

    @Test
    void a_webhook_step_goes_to_the_workspaces_url_or_to_an_http_url() {
        assertThat(check("hook", null).refused()).isNull();
        assertThat(check("hook", null).to()).isNull();
        assertThat(check("hook", "https://example.com/hook").to()).isEqualTo("https://example.com/hook");
        assertThat(refusedField(check("hook", "ftp://example.com/hook"))).isEqualTo("to");
    }

    @Test
    void only_a_send_step_of_the_journey_can_be_tested() {
        assertThat(check("pause", "ada@example.com").refused().message()).contains("not a send step");
        assertThat(refusedField(check("pause", "ada@example.com"))).isEqualTo("step");
        assertThat(refusedField(check("nope", "ada@example.com"))).isEqualTo("step");
        assertThat(refusedField(check(null, "ada@example.com"))).isEqualTo("step");
        assertThat(refusedField(check("mail", "a".repeat(400) + "@example.com"))).isEqualTo("to");
    }
}
