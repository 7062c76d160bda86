package crm.ingest.webhooks.twilio;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;
import crm.events.MessageEvent;
import crm.ingest.webhooks.InboundEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static crm.ingest.webhooks.PayloadFields.put;
import static crm.ingest.webhooks.twilio.FormBody.first;

/**
 * Maps a Twilio Messaging callback onto the canonical event. Pure. Two kinds arrive:
 * <ul>
 * <li>status callbacks (MessageStatus of a message we sent) become message events about the recipient (To); our
 * sends put {@code crm_message_id} (and optionally crm_journey_id, crm_run_id, crm_step_id) in the StatusCallback
 * URL's query;</li>
 * <li>inbound messages (status received) whose whole body is an opt-out or opt-in keyword become an identify of the
 * sender (From) with the {@code sms_consent} trait; other inbound texts are ignored.</li>
 * </ul>
 */
public final class TwilioMapping {
    public static final String SOURCE = "twilio";
    /** Twilio's default opt-out and opt-in keywords (Advanced Opt-Out), matched on the whole trimmed body. */
    static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");
    static final Set<String> OPT_IN = Set.of("START", "YES", "UNSTOP");
    private static final String WHATSAPP = "whatsapp:";

    private TwilioMapping() {
    }

    /** Twilio's MessageStatus to the suite's status; empty for statuses that say nothing new (or inbound ones). */
    public static Optional<MessageEvent.Status> status(String twilioStatus) {
        if (twilioStatus == null) return Optional.empty();
        return Optional.ofNullable(switch (twilioStatus.toLowerCase(Locale.ROOT)) {
            case "accepted", "scheduled", "queued", "sending", "sent" -> MessageEvent.Status.sent;
            case "delivered", "partially_delivered" -> MessageEvent.Status.delivered;
            case "read" -> MessageEvent.Status.opened;
            // The carrier refused it: the number is the problem, as a bounced email address is.
            case "undelivered" -> MessageEvent.Status.bounced;
            case "failed", "canceled" -> MessageEvent.Status.failed;
            default -> null;
        });
    }

    /**
     * @param params the form parameters
     * @param query  the callback URL's query parameters (our own crm_* ids)
     */
    public static Optional<InboundEvent> map(String workspaceId, Map<String, List<String>> params,
                                             Map<String, List<String>> query, Instant receivedAt) {
        String sid = first(params, "MessageSid") != null ? first(params, "MessageSid") : first(params, "SmsSid");
        if (sid == null || sid.length() > 100) return Optional.empty();
        String twilioStatus = first(params, "MessageStatus") != null ? first(params, "MessageStatus") : first(params, "SmsStatus");
        boolean inbound = twilioStatus == null ? first(params, "Body") != null
                : Set.of("received", "receiving").contains(twilioStatus.toLowerCase(Locale.ROOT));
        return inbound ? consent(workspaceId, sid, params, receivedAt) : statusEvent(workspaceId, sid, twilioStatus, params, query, receivedAt);
    }

    private static Optional<InboundEvent> statusEvent(String workspaceId, String sid, String twilioStatus,
                                                      Map<String, List<String>> params, Map<String, List<String>> query,
                                                      Instant receivedAt) {
        Optional<MessageEvent.Status> status = status(twilioStatus);
        String to = first(params, "To");
        if (status.isEmpty() || to == null) return Optional.empty();
        boolean whatsapp = to.startsWith(WHATSAPP);
        String errorCode = first(params, "ErrorCode");
        String reason = errorCode == null ? null
                : "error " + errorCode + (first(params, "ErrorMessage") == null ? "" : ": " + first(params, "ErrorMessage"));
        MessageEvent message = new MessageEvent(status.get(), whatsapp ? MessageEvent.Channel.whatsapp : MessageEvent.Channel.sms,
                first(query, "crm_message_id"), first(query, "crm_journey_id"), first(query, "crm_run_id"),
                first(query, "crm_step_id"), SOURCE, reason);
        String dedupeId = sid + ":" + twilioStatus.toLowerCase(Locale.ROOT);
        CustomerEvent wrapped = message.toCustomerEvent(SOURCE + ":" + dedupeId, workspaceId, phoneIdentity(to),
                receivedAt, SOURCE);
        Map<String, Object> props = new LinkedHashMap<>(wrapped.properties());
        props.put("provider_message_id", sid);
        props.put("provider_status", twilioStatus.toLowerCase(Locale.ROOT));
        put(props, "error_code", errorCode);
        return Optional.of(new InboundEvent(dedupeId, new CustomerEvent(wrapped.id(), workspaceId, EventType.TRACK,
                wrapped.name(), wrapped.identities(), Map.of(), props, Map.of("provider", Map.of("name", SOURCE)),
                receivedAt, receivedAt, SOURCE, null)));
    }

    private static Optional<InboundEvent> consent(String workspaceId, String sid, Map<String, List<String>> params,
                                                  Instant receivedAt) {
        String body = first(params, "Body");
        String from = first(params, "From");
        if (body == null || from == null) return Optional.empty();
        String keyword = body.strip().toUpperCase(Locale.ROOT);
        String state = OPT_OUT.contains(keyword) ? "unsubscribed" : OPT_IN.contains(keyword) ? "subscribed" : null;
        if (state == null) return Optional.empty();
        Map<String, Object> consent = new LinkedHashMap<>();
        consent.put("state", state);
        consent.put("consent_updated_at", receivedAt.toString());
        consent.put("source", SOURCE);
        consent.put("keyword", keyword);
        Identities identities = phoneIdentity(from);
        Map<String, Object> traits = new LinkedHashMap<>();
        traits.put("phone", identities.phone());
        traits.put("sms_consent", consent);
        String dedupeId = sid + ":received";
        return Optional.of(new InboundEvent(dedupeId, new CustomerEvent(SOURCE + ":" + dedupeId, workspaceId,
                EventType.IDENTIFY, null, identities, traits, Map.of(), Map.of("provider", Map.of("name", SOURCE)),
                receivedAt, receivedAt, SOURCE, null)));
    }

    private static Identities phoneIdentity(String address) {
        String phone = address.startsWith(WHATSAPP) ? address.substring(WHATSAPP.length()) : address;
        return new Identities(null, null, null, phone, null, null, null, null, null);
    }
}
