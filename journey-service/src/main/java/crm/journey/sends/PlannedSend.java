package crm.journey.sends;

import crm.events.Identities;
import crm.events.MessageEvent;
import crm.journey.definition.Step;
import crm.journey.guards.QuietHoursPolicy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A send written when a run reaches a send step, before any provider is called.
 *
 * @param idempotencyKey run id + ":" + step id: the same step of the same run is one message, however often retried
 * @param recipient      the address on the step's channel, null when the profile has none (the send is then skipped)
 * @param variables      the profile's traits when the run reached the step, for the template
 * @param quietHours     what it does when due in quiet hours (its step's, else its journey's choice); null: the default
 */
public record PlannedSend(
        String idempotencyKey,
        UUID runId,
        String stepId,
        MessageEvent.Channel channel,
        String recipient,
        String template,
        Map<String, Object> variables,
        Instant dueAt,
        QuietHoursPolicy quietHours) {

    public PlannedSend {
        variables = variables == null ? Map.of() : variables;
    }

    /**
     * The variable under which a run passes its trigger event's properties (checkout_url, products, ...) to the
     * templates, which see them as {@code event}.
     */
    public static final String EVENT_VARIABLE = "event";

    public static String idempotencyKey(UUID runId, String stepId) {
        return runId + ":" + stepId;
    }

    /** The send of {@code step} for a run, addressed from the profile snapshot. */
    public static PlannedSend of(UUID runId, Step.Send step, Map<String, Object> profile, Instant dueAt) {
        return new PlannedSend(idempotencyKey(runId, step.id()), runId, step.id(), step.channel(),
                recipient(step.channel(), profile), step.template(), profile, dueAt, step.quietHours());
    }

    /** The same, with the properties of the event that triggered the run for the templates ({@link #EVENT_VARIABLE}). */
    public static PlannedSend of(UUID runId, Step.Send step, Map<String, Object> profile, Map<String, Object> event, Instant dueAt) {
        Map<String, Object> variables = new java.util.HashMap<>(profile == null ? Map.of() : profile);
        if (event != null) variables.put(EVENT_VARIABLE, event);
        return new PlannedSend(idempotencyKey(runId, step.id()), runId, step.id(), step.channel(),
                recipient(step.channel(), profile), step.template(), variables, dueAt, step.quietHours());
    }

    /** The same send with the quiet hours policy in force for it (the journey's when its step names none). */
    public PlannedSend withQuietHours(QuietHoursPolicy policy) {
        return new PlannedSend(idempotencyKey, runId, stepId, channel, recipient, template, variables, dueAt, policy);
    }

    static String recipient(MessageEvent.Channel channel, Map<String, Object> profile) {
        if (profile == null) return null;
        return switch (channel) {
            case email -> {
                Object email = profile.get("email");
                yield email == null ? null : Identities.normaliseEmail(email.toString());
            }
            case sms, whatsapp -> {
                Object phone = profile.get("phone");
                yield phone == null || phone.toString().isBlank() ? null : phone.toString().trim();
            }
            case webhook -> null;
        };
    }
}
