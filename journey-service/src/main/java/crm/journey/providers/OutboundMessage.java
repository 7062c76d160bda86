package crm.journey.providers;

import crm.events.MessageEvent.Channel;

import java.util.Map;

/**
 * A rendered message ready for a provider.
 *
 * @param messageId our id of the message (the send's idempotency key); providers carry it so callbacks name it
 * @param runId     the journey run that sends it; null for a test send
 * @param to        email address, E.164 phone number, or the webhook's URL
 * @param subject   email only
 * @param html      email only
 * @param text      the plain-text email body, or the SMS body
 * @param headers   extra email headers (List-Unsubscribe, ...)
 * @param data      what the webhook channel posts: the profile's traits and the message's ids
 */
public record OutboundMessage(String messageId, String workspaceId, String profileId, String journeyId, String runId, String stepId,
                              Channel channel, String to, String subject, String html, String text,
                              Map<String, String> headers, Map<String, Object> data) {
    public OutboundMessage {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        data = data == null ? Map.of() : data;
    }

    /**
     * Our ids, as providers carry them back in their callbacks (SendGrid custom_args, Twilio's StatusCallback query),
     * which ingest turns into message events that name the message and its run: crm_message_id, crm_journey_id,
     * crm_run_id, crm_step_id. Test sends carry none: nothing is to be recorded about them.
     */
    public Map<String, String> callbackIds() {
        if (runId == null) return Map.of();
        Map<String, String> ids = new java.util.LinkedHashMap<>();
        ids.put("crm_message_id", messageId);
        if (journeyId != null) ids.put("crm_journey_id", journeyId);
        ids.put("crm_run_id", runId);
        if (stepId != null) ids.put("crm_step_id", stepId);
        return ids;
    }
}
