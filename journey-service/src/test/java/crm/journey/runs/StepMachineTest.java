package crm.journey.runs;

import crm.events.MessageEvent;
import crm.journey.definition.JourneyDefinition;
import crm.journey.definition.Step;
import crm.journey.definition.Trigger;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class StepMachineTest {
    private static final Instant NOW = Instant.parse("2025-03-10T20:00:00Z");
    private static final UUID RUN = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private static JourneyDefinition journey(Step... steps) {
        return new JourneyDefinition(new Trigger.SegmentEntered("seg"), List.of(steps));
    }

    private static Step.Send send(String id) {
        return new Step.Send(id, MessageEvent.Channel.email, "welcome");
    }

    private static StepMachine.Context ctx(Map<String, Object> traits) {
        return new StepMachine.Context(RUN, traits, Set.of("vips"), NOW);
    }

    @Test
    void a_run_halts_at_its_first_send_and_completes_after_the_last() {
        JourneyDefinition d = journey(send("a"), send("b"));
        StepMachine.Progress start = StepMachine.start(d, ctx(Map.of()));
        assertThat(start.halt()).isEqualTo(new StepMachine.Halt.Sending(send("a")));
        assertThat(StepMachine.stepDone(d, "a", ctx(Map.of())).haltedAt()).isEqualTo("b");
        assertThat(StepMachine.stepDone(d, "b", ctx(Map.of())).halt()).isEqualTo(new StepMachine.Halt.Finished(RunStatus.completed, null));
    }

    @Test
    void a_duration_wait_sets_a_timer() {
        StepMachine.Progress p = StepMachine.start(journey(Step.Wait.of("w", "PT1H"), send("a")), ctx(Map.of()));
        assertThat(p.halt()).isEqualTo(new StepMachine.Halt.Waiting(Step.Wait.of("w", "PT1H"), NOW.plusSeconds(3600)));
    }

    @Test
    void a_local_time_wait_uses_the_profile_timezone_and_the_next_such_time() {
        Step.Wait nine = new Step.Wait("w", null, "09:00", null, null, null);
        // 20:00 UTC is 21:00 in Paris: the next 09:00 there is tomorrow 08:00 UTC.
        assertThat(StepMachine.waitUntil(nine, Map.of("timezone", "Europe/Paris"), NOW)).contains(Instant.parse("2025-03-11T08:00:00Z"));
        // In Tokyo it is already 05:00 tomorrow: 09:00 there is 4 hours away.
        assertThat(StepMachine.waitUntil(nine, Map.of("timezone", "Asia/Tokyo"), NOW)).contains(Instant.parse("2025-03-11T00:00:00Z"));
        assertThat(StepMachine.waitUntil(nine, Map.of("timezone", "Not/AZone"), NOW)).contains(Instant.parse("2025-03-11T09:00:00Z"));
    }

    @Test
    void a_date_trait_wait_waits_until_the_date_plus_offset_and_not_when_it_passed_or_is_unknown() {
        Step.Wait year = new Step.Wait("w", null, null, "first_order_date", "P365D", null);
        assertThat(StepMachine.waitUntil(year, Map.of("first_order_date", "2025-01-01T10:00:00Z"), NOW))
                .contains(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(StepMachine.waitUntil(year, Map.of("first_order_date", "2024-01-01"), NOW)).isEmpty();
        assertThat(StepMachine.waitUntil(year, Map.of(), NOW)).isEmpty();
        StepMachine.Progress p = StepMachine.start(journey(year, send("a")), ctx(Map.of()));
        assertThat(p.haltedAt()).isEqualTo("a");
        assertThat(p.visits()).extracting(StepMachine.Visit::stepId).containsExactly("w", "a");
    }

    @Test
    void a_condition_branches_on_a_trait_or_a_segment() {
        JourneyDefinition d = journey(
                new Step.Condition("c", "orders_count", Step.Condition.Op.gte, 2, null, "loyal", "new"),
                send("loyal"), send("new"));
        assertThat(StepMachine.start(d, ctx(Map.of("orders_count", 3))).haltedAt()).isEqualTo("loyal");
        assertThat(StepMachine.start(d, ctx(Map.of("orders_count", 1))).haltedAt()).isEqualTo("new");
        assertThat(StepMachine.start(d, ctx(Map.of())).visits().get(0).outcome()).isEqualTo("else");
        JourneyDefinition bySegment = journey(new Step.Condition("c", null, null, null, "vips", "loyal", "new"), send("loyal"), send("new"));
        assertThat(StepMachine.start(bySegment, ctx(Map.of())).haltedAt()).isEqualTo("loyal");
    }

    @Test
    void an_exit_step_ends_the_run_as_exited() {
        JourneyDefinition d = journey(new Step.Condition("c", "vip", Step.Condition.Op.exists, null, null, "a", "out"), new Step.Exit("out"), send("a"));
        assertThat(StepMachine.start(d, ctx(Map.of())).halt()).isEqualTo(new StepMachine.Halt.Finished(RunStatus.exited, "exit step out"));
    }

    @Test
    void a_wait_for_an_email_opened_waits_for_that_message_and_branches_on_the_outcome() {
        JourneyDefinition d = journey(send("email"), new Step.WaitForEvent("opened", "Message Opened", "email", "P1D", "yes", "no"),
                send("no"), send("yes"));
        StepMachine.Progress waiting = StepMachine.stepDone(d, "email", ctx(Map.of()));
        assertThat(waiting.halt()).isInstanceOfSatisfying(StepMachine.Halt.AwaitingEvent.class, a -> {
            assertThat(a.messageId()).isEqualTo(RUN + ":email");
            assertThat(a.timeoutAt()).isEqualTo(NOW.plusSeconds(86400));
        });
        assertThat(StepMachine.eventWaitOver(d, "opened", true, ctx(Map.of())).haltedAt()).isEqualTo("yes");
        assertThat(StepMachine.eventWaitOver(d, "opened", false, ctx(Map.of())).haltedAt()).isEqualTo("no");
    }

    @Test
    void a_split_is_deterministic_per_run_and_follows_the_percentages() {
        Step.Split split = new Step.Split("s", List.of(new Step.Split.Variant("a", 20, "x"), new Step.Split.Variant("b", 80, "x")));
        assertThat(StepMachine.variant(RUN, split)).isEqualTo(StepMachine.variant(RUN, split));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 10_000; i++) counts.merge(StepMachine.variant(UUID.randomUUID(), split).key(), 1, Integer::sum);
        assertThat(counts.get("a")).isBetween(1700, 2300);
        assertThat(counts.get("b")).isBetween(7700, 8300);
    }
}
