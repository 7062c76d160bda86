package crm.journey.definition;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import crm.events.MessageEvent;
import crm.journey.guards.QuietHoursPolicy;

import java.util.List;

/**
 * One step of a journey, named by an id unique within the journey (it is part of the send's idempotency key). Steps
 * form a graph: a step without a branch goes on to {@code next}, or, when that is null, to the step after it in the
 * list (the last one completes the run). Durations are ISO-8601 ({@code PT1H}, {@code P1D}); the validator checks them.
 */
// Unset optional fields are left out of the JSON form, whichever mapper writes it (storage or the API).
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Step.Send.class, name = "send"),
        @JsonSubTypes.Type(value = Step.Wait.class, name = "wait"),
        @JsonSubTypes.Type(value = Step.WaitForEvent.class, name = "wait_for_event"),
        @JsonSubTypes.Type(value = Step.Condition.class, name = "condition"),
        @JsonSubTypes.Type(value = Step.Split.class, name = "split"),
        @JsonSubTypes.Type(value = Step.Exit.class, name = "exit")})
public sealed interface Step {
    String id();

    /**
     * Sends one message on a channel, rendered from a template with the profile's traits and the trigger's event.
     *
     * @param quietHours what the message does when due in its channel's quiet hours (hold until they end, or skip);
     *                   null: the journey's {@link JourneyDefinition#quietHours()}, else the configured default
     */
    record Send(String id, MessageEvent.Channel channel, String template, String next, QuietHoursPolicy quietHours) implements Step {
        public Send(String id, MessageEvent.Channel channel, String template) {
            this(id, channel, template, null, null);
        }

        public Send(String id, MessageEvent.Channel channel, String template, String next) {
            this(id, channel, template, next, null);
        }
    }

    /**
     * Waits, in exactly one way: for {@code duration}; until the next {@code untilLocalTime} (HH:mm) in the profile's
     * timezone (trait {@code timezone}, UTC when unknown); or until the date in trait {@code untilTrait} plus
     * {@code offset} (e.g. first_order_date + P365D), going on at once when that moment has passed or the trait is unset.
     */
    record Wait(String id, String duration, String untilLocalTime, String untilTrait, String offset, String next) implements Step {
        public static Wait of(String id, String duration) {
            return new Wait(id, duration, null, null, null, null);
        }
    }

    /**
     * Waits for an event of the run's profile, at most {@code within}. With {@code ofStep}, only the event about the
     * message that step sent counts (its message_id is "run:step"), e.g. "Message Opened" of the first email.
     *
     * @param happened the step to go on to when it happened in time
     * @param timedOut the step to go on to when it did not
     */
    record WaitForEvent(String id, String event, String ofStep, String within, String happened,
                        @JsonProperty("timedOut") String timedOut) implements Step {
    }

    /**
     * Branches on the profile: on a trait compared with {@code value} by {@code op}, or on membership of
     * {@code segment}. Exactly one of {@code trait} and {@code segment}.
     */
    record Condition(String id, String trait, Op op, Object value, String segment, String then,
                     @JsonProperty("else") String otherwise) implements Step {
        public enum Op { eq, neq, gt, gte, lt, lte, exists, not_exists }
    }

    /** A/B split: each run goes to one variant, chosen deterministically from the run id, by percentage. */
    record Split(String id, List<Variant> variants) implements Step {
        public Split {
            variants = variants == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(variants));
        }

        public record Variant(String key, int percent, String next) {
        }
    }

    /** Ends the run here (status "exited"). */
    record Exit(String id) implements Step {
    }
}
