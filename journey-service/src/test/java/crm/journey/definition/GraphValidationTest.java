package crm.journey.definition;

import crm.events.Json;
import crm.events.MessageEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GraphValidationTest {
    private final DefinitionValidator validator = new DefinitionValidator(Set.of("welcome"));
    private final Trigger segment = new Trigger.SegmentEntered("seg");
    private final Trigger checkout = new Trigger.EventHappened("Checkout Started", Map.of());

    private static Step send(String id) {
        return new Step.Send(id, MessageEvent.Channel.email, "welcome");
    }

    private List<String> fields(JourneyDefinition d) {
        return validator.violations(d).stream().map(Violation::field).toList();
    }

    private List<String> fields(Step... steps) {
        return fields(new JourneyDefinition(segment, List.of(steps)));
    }

    @Test
    void a_full_graph_with_every_step_kind_is_valid() {
        JourneyDefinition d = new JourneyDefinition(checkout, new EntryRule("properties.checkout_id", EntryRule.ReEntry.after, 3), List.of(
                Step.Wait.of("w", "PT1H"),
                send("email"),
                new Step.WaitForEvent("opened", "Message Opened", "email", "P1D", "split", "cond"),
                new Step.Condition("cond", "orders_count", Step.Condition.Op.gte, 1, null, "split", "out"),
                new Step.Split("split", List.of(new Step.Split.Variant("a", 30, "last"), new Step.Split.Variant("b", 70, "morning"))),
                new Step.Wait("morning", null, "09:30", null, null, "last"),
                send("last"),
                new Step.Exit("out")),
                List.of(new ExitCriterion.EventHappened("Order Completed", "properties.checkout_id"), new ExitCriterion.SegmentExited("s")),
                new Goal("Order Completed", "P5D"));
        assertThat(validator.violations(d)).isEmpty();
    }

    @Test
    void a_wait_waits_in_exactly_one_way_with_valid_values() {
        assertThat(fields(new Step.Wait("a", null, null, null, null, null))).containsExactly("steps[0].duration");
        assertThat(fields(new Step.Wait("a", "PT1H", "09:00", null, null, null))).containsExactly("steps[0].duration");
        assertThat(fields(Step.Wait.of("a", "one hour"))).containsExactly("steps[0].duration");
        assertThat(fields(Step.Wait.of("a", "-PT1H"))).containsExactly("steps[0].duration");
        assertThat(fields(new Step.Wait("a", null, "25:00", null, null, null))).containsExactly("steps[0].untilLocalTime");
        assertThat(fields(new Step.Wait("a", null, null, "first_order_date", "a year", null))).containsExactly("steps[0].offset");
        assertThat(fields(new Step.Wait("a", null, null, "first_order_date", "-P1D", null))).isEmpty();
    }

    @Test
    void branches_name_existing_steps() {
        assertThat(fields(new Step.WaitForEvent("w", "Message Opened", null, "P1D", "nope", null), send("x")))
                .containsExactly("steps[0].happened", "steps[0].timedOut");
        assertThat(fields(new Step.Condition("c", "t", Step.Condition.Op.eq, 1, null, "x", "x"), send("x"))).isEmpty();
        assertThat(fields(new Step.Condition("c", null, null, null, null, "x", "x"), send("x"))).containsExactly("steps[0].trait");
        assertThat(fields(new Step.Condition("c", "t", Step.Condition.Op.gt, "many", null, "x", "x"), send("x"))).containsExactly("steps[0].value");
        assertThat(fields(new Step.Send("s", MessageEvent.Channel.email, "welcome", "ghost"))).containsExactly("steps[0].next");
    }

    @Test
    void a_wait_for_an_email_opened_names_a_send_step() {
        assertThat(fields(Step.Wait.of("w", "PT1H"), new Step.WaitForEvent("o", "Message Opened", "w", "P1D", "x", "x"), send("x")))
                .containsExactly("steps[1].ofStep");
    }

    @Test
    void split_percentages_add_up_to_100_with_distinct_keys() {
        assertThat(fields(new Step.Split("s", List.of(new Step.Split.Variant("a", 50, "x"), new Step.Split.Variant("b", 40, "x"))), send("x")))
                .containsExactly("steps[0].variants");
        assertThat(fields(new Step.Split("s", List.of(new Step.Split.Variant("a", 50, "x"), new Step.Split.Variant("a", 50, "x"))), send("x")))
                .containsExactly("steps[0].variants[1].key");
        assertThat(fields(new Step.Split("s", List.of(new Step.Split.Variant("a", 100, "x"))), send("x")))
                .containsExactly("steps[0].variants");
    }

    @Test
    void a_loop_is_refused_so_every_run_ends() {
        assertThat(fields(new Step.Send("a", MessageEvent.Channel.email, "welcome", "b"), new Step.Send("b", MessageEvent.Channel.email, "welcome", "a")))
                .containsExactly("steps[0]");
    }

    @Test
    void entry_keys_and_their_exits_need_an_event_trigger_and_a_path() {
        assertThat(fields(new JourneyDefinition(segment, new EntryRule("properties.id", null, null), List.of(send("a")), null, null)))
                .containsExactly("entry.key");
        assertThat(fields(new JourneyDefinition(checkout, new EntryRule("checkout_id", null, null), List.of(send("a")), null, null)))
                .containsExactly("entry.key");
        assertThat(fields(new JourneyDefinition(checkout, new EntryRule(null, EntryRule.ReEntry.after, null), List.of(send("a")), null, null)))
                .containsExactly("entry.afterDays");
        assertThat(fields(new JourneyDefinition(checkout, null, List.of(send("a")),
                List.of(new ExitCriterion.EventHappened("Order Completed", "properties.checkout_id")), null)))
                .containsExactly("exits[0].matchEntryKey");
        assertThat(fields(new JourneyDefinition(new Trigger.EventHappened(" ", Map.of("total", 1)), null, List.of(send("a")), null,
                new Goal(null, "soon")))).containsExactly("trigger.event", "trigger.where.total", "goal.event", "goal.within");
    }

    @Test
    void the_json_form_reads_back_equal_with_type_names() {
        JourneyDefinition d = new JourneyDefinition(checkout, new EntryRule("properties.checkout_id", EntryRule.ReEntry.never, null), List.of(
                new Step.WaitForEvent("o", "Message Opened", "x", "P1D", "x", "c"),
                new Step.Condition("c", "t", Step.Condition.Op.eq, "vip", null, "x", "e"),
                new Step.Split("s", List.of(new Step.Split.Variant("a", 50, "x"), new Step.Split.Variant("b", 50, "x"))),
                send("x"), new Step.Exit("e")),
                List.of(new ExitCriterion.SegmentExited("seg")), new Goal("Order Completed", "P5D"));
        String json = Json.write(d);
        assertThat(json).contains("\"type\":\"wait_for_event\"", "\"else\":\"e\"", "\"type\":\"segment_exited\"", "\"type\":\"event\"");
        assertThat(Json.read(json, JourneyDefinition.class)).isEqualTo(d);
    }
}
