package crm.journey.definition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What a journey does: the trigger that starts a run and the steps a run goes through, in order.
 * The first slice runs the list front to back; a later step graph (waits, branches, exits) replaces "the next in the
 * list" by each step naming its successors, so callers only ever ask {@link #firstStep()} and {@link #stepAfter}.
 */
public record JourneyDefinition(Trigger trigger, List<Step> steps) {

    public JourneyDefinition {
        // Not List.copyOf: a null step must reach DefinitionValidator, which names its position.
        steps = steps == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(steps));
    }

    public Optional<Step> firstStep() {
        return steps.isEmpty() ? Optional.empty() : Optional.ofNullable(steps.get(0));
    }

    public Optional<Step> step(String stepId) {
        return steps.stream().filter(s -> s != null && stepId.equals(s.id())).findFirst();
    }

    /** The step a run goes on to once {@code stepId} is done; empty when the run is complete. */
    public Optional<Step> stepAfter(String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) != null && stepId.equals(steps.get(i).id())) {
                return i + 1 < steps.size() ? Optional.of(steps.get(i + 1)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Whether a profile entering this segment starts a run. */
    public boolean isTriggeredByEntering(String segmentId) {
        return trigger instanceof Trigger.SegmentEntered entered && entered.segmentId().equals(segmentId);
    }
}
