package crm.journey.definition;

import crm.journey.guards.QuietHoursPolicy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What a journey does: the trigger that starts a run, who may enter and how often, the graph of steps a run goes
 * through (starting at the first of the list), the criteria that end a run early and the conversion it aims at.
 *
 * @param entry      null reads as {@link EntryRule#ONCE}
 * @param goal       null: no conversion is tracked
 * @param quietHours what its messages due in their channel's quiet hours do (hold until they end, or skip), unless a
 *                   send step says otherwise; null: the configured crm.journey.guards.quiet-hours-policy
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record JourneyDefinition(Trigger trigger, EntryRule entry, List<Step> steps, List<ExitCriterion> exits, Goal goal,
                                QuietHoursPolicy quietHours) {

    public JourneyDefinition {
        // Not List.copyOf: a null step must reach DefinitionValidator, which names its position.
        steps = steps == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(steps));
        exits = exits == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(exits));
    }

    public JourneyDefinition(Trigger trigger, EntryRule entry, List<Step> steps, List<ExitCriterion> exits, Goal goal) {
        this(trigger, entry, steps, exits, goal, null);
    }

    public JourneyDefinition(Trigger trigger, List<Step> steps) {
        this(trigger, null, steps, null, null, null);
    }

    /** What a send step's message does in quiet hours: the step's choice, else the journey's; null for the default. */
    public QuietHoursPolicy quietHoursOf(Step.Send step) {
        return step.quietHours() != null ? step.quietHours() : quietHours;
    }

    /** The entry rule in force: {@link EntryRule#ONCE} when none is given. */
    public EntryRule entryRule() {
        return entry == null ? EntryRule.ONCE : entry;
    }

    public Optional<Step> firstStep() {
        return steps.isEmpty() ? Optional.empty() : Optional.ofNullable(steps.get(0));
    }

    public Optional<Step> step(String stepId) {
        return steps.stream().filter(s -> s != null && stepId.equals(s.id())).findFirst();
    }

    /** The step after {@code stepId} in the list; empty when it is the last (or unknown). */
    public Optional<Step> stepAfter(String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) != null && stepId.equals(steps.get(i).id())) {
                return i + 1 < steps.size() ? Optional.ofNullable(steps.get(i + 1)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Where a run goes once a step without branches is done: its explicit {@code next}, else the step after it in the
     * list; empty when the run is complete.
     */
    public Optional<Step> successor(Step step) {
        String next = null;
        if (step instanceof Step.Send s) next = s.next();
        if (step instanceof Step.Wait w) next = w.next();
        return next != null ? step(next) : stepAfter(step.id());
    }

    /** Whether a profile entering this segment starts a run. */
    public boolean isTriggeredByEntering(String segmentId) {
        return trigger instanceof Trigger.SegmentEntered entered && entered.segmentId() != null && entered.segmentId().equals(segmentId);
    }
}
