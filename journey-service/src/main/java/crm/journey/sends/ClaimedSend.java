package crm.journey.sends;

import crm.events.MessageEvent;
import crm.journey.guards.QuietHoursPolicy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A send a worker holds the lease of, with what it needs to deliver it and to report it.
 *
 * @param status     {@code sending} when it is to be delivered; a final status when only its message event is still to
 *                   be published (a worker stopped between the two)
 * @param attempts   delivery attempts so far, this one included
 * @param finishedAt when it reached its final status, null before
 * @param reason     why it was skipped, or the last provider error
 * @param provider   the provider that took it, null before (and for skipped sends)
 * @param quietHours what it does in quiet hours as its step or journey chose; null: the configured default
 */
public record ClaimedSend(
        String idempotencyKey,
        String workspaceId,
        UUID runId,
        String journeyId,
        String profileId,
        String stepId,
        MessageEvent.Channel channel,
        String recipient,
        String template,
        Map<String, Object> variables,
        SendStatus status,
        int attempts,
        Instant leaseUntil,
        Instant finishedAt,
        String reason,
        String provider,
        QuietHoursPolicy quietHours) {

    public ClaimedSend {
        variables = variables == null ? Map.of() : variables;
    }

    public ClaimedSend(String idempotencyKey, String workspaceId, UUID runId, String journeyId, String profileId,
                       String stepId, MessageEvent.Channel channel, String recipient, String template,
                       Map<String, Object> variables, SendStatus status, int attempts, Instant leaseUntil,
                       Instant finishedAt, String reason) {
        this(idempotencyKey, workspaceId, runId, journeyId, profileId, stepId, channel, recipient, template, variables,
                status, attempts, leaseUntil, finishedAt, reason, null, null);
    }

    public ClaimedSend leasedUntil(Instant until) {
        return new ClaimedSend(idempotencyKey, workspaceId, runId, journeyId, profileId, stepId, channel, recipient,
                template, variables, status, attempts, until, finishedAt, reason, provider, quietHours);
    }

    public ClaimedSend finished(SendStatus finalStatus, Instant at, String why, String by) {
        return new ClaimedSend(idempotencyKey, workspaceId, runId, journeyId, profileId, stepId, channel, recipient,
                template, variables, finalStatus, attempts, leaseUntil, at, why, by, quietHours);
    }
}
