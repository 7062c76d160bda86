package crm.journey.runs;

import crm.journey.definition.Conditions;
import crm.journey.definition.JourneyDefinition;
import crm.journey.definition.Step;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The journey step machine. Pure: given a definition, where a run is and what it knows about its profile, it walks
 * through the steps that take no time (conditions, splits, exits, waits already over) and says where the run halts:
 * at a send, a timer, an awaited event, or its end. The adapters store that and come back when the send finished,
 * the timer fired or the event came.
 */
public final class StepMachine {
    /** Far more than any valid (loop-free) journey has; a guard against a definition that slipped past validation. */
    static final int MAX_STEPS_PER_ADVANCE = 1000;

    private StepMachine() {
    }

    /** What the machine knows about a run when it advances it. */
    public record Context(UUID runId, Map<String, Object> traits, Set<String> segments, Instant now) {
        public Context {
            traits = traits == null ? Map.of() : traits;
            segments = segments == null ? Set.of() : segments;
        }
    }

    /** A step the run went through, with what happened there (null for the step it halted at, still under way). */
    public record Visit(String stepId, String type, String outcome) {
    }

    /** Where a run stops advancing for now. */
    public sealed interface Halt {
        /** The step's message is written as a send; the run goes on when its outcome is reported. */
        record Sending(Step.Send step) implements Halt {
        }

        /** A wait until {@code until}. */
        record Waiting(Step.Wait step, Instant until) implements Halt {
        }

        /**
         * Waiting for an event until {@code timeoutAt}; with a {@code messageId} only an event about that message counts.
         */
        record AwaitingEvent(Step.WaitForEvent step, String messageId, Instant timeoutAt) implements Halt {
        }

        /** The run is over: completed (no step left) or exited (an exit step). */
        record Finished(RunStatus status, String reason) implements Halt {
        }
    }

    public record Progress(List<Visit> visits, Halt halt) {
        /** The id of the step the run halted at, null when it finished. */
        public String haltedAt() {
            if (halt instanceof Halt.Sending s) return s.step().id();
            if (halt instanceof Halt.Waiting w) return w.step().id();
            if (halt instanceof Halt.AwaitingEvent a) return a.step().id();
            return null;
        }
    }

    /** A new run: enters the first step. */
    public static Progress start(JourneyDefinition d, Context ctx) {
        return d.firstStep().map(s -> walk(d, s, ctx, new ArrayList<>()))
                .orElseGet(() -> new Progress(List.of(), new Halt.Finished(RunStatus.completed, null)));
    }

    /** The step the run halted at (a send, a wait) is done: goes on to its successor. */
    public static Progress stepDone(JourneyDefinition d, String stepId, Context ctx) {
        Optional<Step> step = d.step(stepId);
        if (step.isEmpty()) return new Progress(List.of(), new Halt.Finished(RunStatus.failed, "no step '" + stepId + "' in the journey version"));
        return continueAfter(d, step.get(), ctx, new ArrayList<>());
    }

    /** The awaited event came ({@code happened}) or the wait timed out: goes on down that branch. */
    public static Progress eventWaitOver(JourneyDefinition d, String stepId, boolean happened, Context ctx) {
        Optional<Step> step = d.step(stepId);
        if (step.isEmpty() || !(step.get() instanceof Step.WaitForEvent w)) {
            return new Progress(List.of(), new Halt.Finished(RunStatus.failed, "no wait_for_event step '" + stepId + "'"));
        }
        return goTo(d, happened ? w.happened() : w.timedOut(), ctx, new ArrayList<>());
    }

    private static Progress continueAfter(JourneyDefinition d, Step step, Context ctx, List<Visit> visits) {
        Optional<Step> next = d.successor(step);
        if (next.isEmpty()) return new Progress(visits, new Halt.Finished(RunStatus.completed, null));
        return walk(d, next.get(), ctx, visits);
    }

    private static Progress goTo(JourneyDefinition d, String stepId, Context ctx, List<Visit> visits) {
        Optional<Step> next = d.step(stepId);
        if (next.isEmpty()) return new Progress(visits, new Halt.Finished(RunStatus.failed, "no step '" + stepId + "'"));
        return walk(d, next.get(), ctx, visits);
    }

    private static Progress walk(JourneyDefinition d, Step first, Context ctx, List<Visit> visits) {
        Step step = first;
        for (int i = 0; i < MAX_STEPS_PER_ADVANCE; i++) {
            if (step instanceof Step.Send send) {
                visits.add(new Visit(send.id(), "send", null));
                return new Progress(visits, new Halt.Sending(send));
            }
            if (step instanceof Step.Wait wait) {
                Optional<Instant> until = waitUntil(wait, ctx.traits(), ctx.now());
                if (until.isPresent()) {
                    visits.add(new Visit(wait.id(), "wait", null));
                    return new Progress(visits, new Halt.Waiting(wait, until.get()));
                }
                visits.add(new Visit(wait.id(), "wait", "no wait: the moment has passed or the trait is unset"));
                Optional<Step> next = d.successor(wait);
                if (next.isEmpty()) return new Progress(visits, new Halt.Finished(RunStatus.completed, null));
                step = next.get();
                continue;
            }
            if (step instanceof Step.WaitForEvent w) {
                visits.add(new Visit(w.id(), "wait_for_event", null));
                String messageId = w.ofStep() == null ? null : messageId(ctx.runId(), w.ofStep());
                return new Progress(visits, new Halt.AwaitingEvent(w, messageId, ctx.now().plus(Duration.parse(w.within()))));
            }
            String target;
            if (step instanceof Step.Condition c) {
                boolean holds = Conditions.holds(c, ctx.traits(), ctx.segments());
                visits.add(new Visit(c.id(), "condition", holds ? "then" : "else"));
                target = holds ? c.then() : c.otherwise();
            } else if (step instanceof Step.Split s) {
                Step.Split.Variant v = variant(ctx.runId(), s);
                visits.add(new Visit(s.id(), "split", "variant " + v.key()));
                target = v.next();
            } else if (step instanceof Step.Exit e) {
                visits.add(new Visit(e.id(), "exit", "exited"));
                return new Progress(visits, new Halt.Finished(RunStatus.exited, "exit step " + e.id()));
            } else {
                throw new IllegalStateException("unknown step " + step);
            }
            Optional<Step> next = d.step(target);
            if (next.isEmpty()) return new Progress(visits, new Halt.Finished(RunStatus.failed, "no step '" + target + "'"));
            step = next.get();
        }
        return new Progress(visits, new Halt.Finished(RunStatus.failed, "more than " + MAX_STEPS_PER_ADVANCE + " steps without a halt"));
    }

    /** The message id a send step of a run has: its idempotency key. */
    public static String messageId(UUID runId, String stepId) {
        return runId + ":" + stepId;
    }

    /** When a wait step is over; empty when there is nothing to wait for (the moment passed, or the trait is unset). */
    public static Optional<Instant> waitUntil(Step.Wait wait, Map<String, Object> traits, Instant now) {
        Instant until;
        if (wait.duration() != null) {
            until = now.plus(Duration.parse(wait.duration()));
        } else if (wait.untilLocalTime() != null) {
            ZoneId zone = zone(traits);
            LocalTime at = LocalTime.parse(wait.untilLocalTime());
            ZonedDateTime local = now.atZone(zone);
            ZonedDateTime candidate = local.with(at);
            if (!candidate.isAfter(local)) candidate = local.plusDays(1).with(at);
            until = candidate.toInstant();
        } else {
            Object value = Conditions.trait(traits, wait.untilTrait());
            Optional<Instant> date = value == null ? Optional.empty() : Conditions.instant(value.toString());
            if (date.isEmpty()) return Optional.empty();
            until = date.get().plus(wait.offset() == null ? Duration.ZERO : Duration.parse(wait.offset()));
        }
        return until.isAfter(now) ? Optional.of(until) : Optional.empty();
    }

    /** The profile's timezone (trait {@code timezone}, an IANA name), UTC when unknown or invalid. */
    public static ZoneId zone(Map<String, Object> traits) {
        Object tz = traits == null ? null : traits.get("timezone");
        if (tz == null) return ZoneOffset.UTC;
        try {
            return ZoneId.of(tz.toString().trim());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /**
     * The variant of a split for a run: a hash of run and step in 0..99 falls into the variants' percentage ranges in
     * order. Deterministic, so a run re-evaluated after a crash takes the same branch.
     */
    public static Step.Split.Variant variant(UUID runId, Step.Split split) {
        int bucket = bucket(runId + ":" + split.id());
        int upTo = 0;
        for (Step.Split.Variant v : split.variants()) {
            upTo += v.percent();
            if (bucket < upTo) return v;
        }
        return split.variants().get(split.variants().size() - 1);
    }

    static int bucket(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            long v = ((h[0] & 0xffL) << 24) | ((h[1] & 0xffL) << 16) | ((h[2] & 0xffL) << 8) | (h[3] & 0xffL);
            return (int) (v % 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
