package crm.journey.providers;

import crm.events.MessageEvent.Channel;

import java.util.Map;

/**
 * A rendered message ready for a provider.
 *
 * @param messageId our id of the message (the send's idempotency key); providers carry it so callbacks name it
 * @param to        email address, E.164 phone number, or the webhook's URL
 * @param subject   email only
 * @param html      email only
 * @param text      the plain-text email body, or the SMS body
 * @param headers   extra email headers (List-Unsubscribe, ...)
 * @param data      what the webhook channel posts: the profile's traits and the message's ids
 */
public record OutboundMessage(String messageId, String workspaceId, String profileId, String journeyId, String stepId,
                              Channel channel, String to, String subject, String html, String text,
                              Map<String, String> headers, Map<String, Object> data) {
    public OutboundMessage {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        data = data == null ? Map.of() : data;
    }
}
