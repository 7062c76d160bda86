package crm.journey.runs;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A run as stored: where it is in its journey version, its timer, what it waits for, and what it knows.
 *
 * @param currentStep       the step it halted at (a send, a wait), null when finished
 * @param dueAt             its timer: the end of a wait, the timeout of a wait for an event
 * @param awaitingMessageId with a wait for an event about one message, that message's id ("run:step")
 * @param traits            the profile as the run last saw it
 * @param triggerProperties the properties of the event that started it (empty for a segment trigger)
 */
public record Run(UUID id, String workspaceId, String journeyId, int journeyVersion, String profileId, String entryValue,
                  RunStatus status, String currentStep, Instant dueAt, String awaitingEvent, String awaitingMessageId,
                  Map<String, Object> traits, Map<String, Object> triggerProperties, Instant startedAt, Instant convertedAt) {
    public Run {
        traits = traits == null ? Map.of() : traits;
        triggerProperties = triggerProperties == null ? Map.of() : triggerProperties;
    }

    /** The same run halted at another step (what it is after an advance stored its new place). */
    public Run at(String stepId) {
        return new Run(id, workspaceId, journeyId, journeyVersion, profileId, entryValue, status, stepId, dueAt,
                awaitingEvent, awaitingMessageId, traits, triggerProperties, startedAt, convertedAt);
    }
}
