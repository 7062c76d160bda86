package crm.journey.runs;

import crm.events.MessageEvent;
import crm.journey.sends.SendStatus;

import java.time.Instant;
import java.util.List;

/** A run as the API shows it, with the sends of its steps. */
public record RunView(String id, String journeyId, String journeyName, RunStatus status, Instant startedAt,
                      Instant completedAt, List<StepView> steps) {

    /** @param reason why the step's message was skipped, or the last provider error */
    public record StepView(String stepId, MessageEvent.Channel channel, SendStatus status, Instant sentAt, String reason) {
    }
}
