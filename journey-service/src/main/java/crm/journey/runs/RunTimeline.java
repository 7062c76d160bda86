package crm.journey.runs;

import crm.events.MessageEvent;
import crm.journey.sends.SendStatus;

import java.time.Instant;
import java.util.List;

/**
 * A run as {@code GET /v1/runs/{id}} shows it: where it is, its timer, and every step it went through.
 *
 * @param entryValue    the entry key's value (e.g. the checkout id), null without one
 * @param currentStep   the step it is halted at, null when it is over
 * @param dueAt         when its timer fires (the end of a wait, the timeout of a wait for an event)
 * @param awaitingEvent the event it waits for
 * @param endReason     why it exited, failed or was cancelled
 */
public record RunTimeline(String id, String journeyId, String journeyName, int journeyVersion, String profileId,
                          String entryValue, RunStatus status, String currentStep, Instant dueAt, String awaitingEvent,
                          Instant startedAt, Instant completedAt, String endReason, Instant convertedAt,
                          List<StepEntry> steps) {

    /**
     * @param outcome what happened: then/else, "variant a", sent, skipped, failed, happened, timed_out, waited, ...;
     *                null while the run is still there
     * @param send    the message of a send step, when it wrote one
     */
    public record StepEntry(String stepId, String type, Instant enteredAt, Instant dueAt, String outcome,
                            Instant finishedAt, Send send) {
    }

    public record Send(MessageEvent.Channel channel, SendStatus status, Instant sentAt, String reason) {
    }
}
