package crm.journey.definition;

import crm.events.Json;
import crm.events.MessageEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JourneyDefinitionTest {
    private final JourneyDefinition twoSteps = new JourneyDefinition(new Trigger.SegmentEntered("seg-1"), List.of(
            new Step.Send("first", MessageEvent.Channel.email, "welcome"),
            new Step.Send("second", MessageEvent.Channel.email, "welcome")));

    @Test
    void a_run_starts_at_the_first_step_and_goes_through_the_list_in_order() {
        assertThat(twoSteps.firstStep()).map(Step::id).contains("first");
        assertThat(twoSteps.stepAfter("first")).map(Step::id).contains("second");
        assertThat(twoSteps.stepAfter("second")).isEmpty();
    }

    @Test
    void an_unknown_step_has_no_successor() {
        assertThat(twoSteps.stepAfter("nope")).isEmpty();
        assertThat(twoSteps.step("nope")).isEmpty();
        assertThat(twoSteps.step("second")).isPresent();
    }

    @Test
    void a_definition_without_steps_has_no_first_step() {
        assertThat(new JourneyDefinition(new Trigger.SegmentEntered("s"), null).firstStep()).isEmpty();
    }

    @Test
    void only_entering_the_trigger_segment_starts_a_run() {
        assertThat(twoSteps.isTriggeredByEntering("seg-1")).isTrue();
        assertThat(twoSteps.isTriggeredByEntering("seg-2")).isFalse();
        assertThat(new JourneyDefinition(null, twoSteps.steps()).isTriggeredByEntering("seg-1")).isFalse();
    }

    @Test
    void steps_are_an_immutable_copy() {
        var steps = new java.util.ArrayList<Step>(List.of(new Step.Send("a", MessageEvent.Channel.email, "welcome")));
        JourneyDefinition d = new JourneyDefinition(new Trigger.SegmentEntered("s"), steps);
        steps.clear();
        assertThat(d.steps()).hasSize(1);
    }

    @Test
    void definition_is_stored_as_json_with_type_names_and_reads_back_equal() {
        String json = Json.write(twoSteps);
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = Json.read(json, Map.class);
        assertThat(tree.get("trigger")).isEqualTo(Map.of("type", "segment_entered", "segmentId", "seg-1"));
        assertThat((List<?>) tree.get("steps")).first()
                .isEqualTo(Map.of("type", "send", "id", "first", "channel", "email", "template", "welcome"));
        assertThat(Json.read(json, JourneyDefinition.class)).isEqualTo(twoSteps);
    }
}
