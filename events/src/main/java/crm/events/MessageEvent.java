package crm.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What happened to one message sent to a customer (sent by a journey, delivered or opened per a provider callback).
 * It travels as a {@link CustomerEvent} of type track named after its {@link Status} ("Message Sent", "Message Opened",
 * ...), so there is one envelope on {@link Topics#EVENTS}; this record is the typed view of its properties.
 *
 * @param messageId the send's idempotency key (journey run + step), shared by every event about the same message
 * @param reason    why it failed or was skipped (no consent, frequency cap, quiet hours, bounce reason...)
 */
public record MessageEvent(
        Status status,
        Channel channel,
        String messageId,
        String journeyId,
        String runId,
        String stepId,
        String provider,
        String reason) {

    public enum Channel { email, sms, whatsapp, webhook }

    public enum Status {
        sent("Message Sent"),
        failed("Message Failed"),
        skipped("Message Skipped"),
        processed("Message Processed"),
        deferred("Message Deferred"),
        delivered("Message Delivered"),
        opened("Message Opened"),
        clicked("Message Clicked"),
        bounced("Message Bounced"),
        dropped("Message Dropped"),
        spam_reported("Message Spam Reported"),
        unsubscribed("Message Unsubscribed"),
        group_unsubscribed("Message Group Unsubscribed"),
        group_resubscribed("Message Group Resubscribed");

        public final String eventName;

        Status(String eventName) {
            this.eventName = eventName;
        }

        public static Optional<Status> ofEventName(String name) {
            for (Status s : values()) {
                if (s.eventName.equals(name)) return Optional.of(s);
            }
            return Optional.empty();
        }
    }

    /** Wraps this message event in the envelope, about the customer named by {@code identities}. */
    public CustomerEvent toCustomerEvent(String eventId, String workspaceId, Identities identities, Instant at, String source) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("channel", channel.name());
        put(props, "message_id", messageId);
        put(props, "journey_id", journeyId);
        put(props, "run_id", runId);
        put(props, "step_id", stepId);
        put(props, "provider", provider);
        put(props, "reason", reason);
        return new CustomerEvent(eventId, workspaceId, EventType.TRACK, status.eventName, identities,
                null, props, null, at, at, source, null);
    }

    /** The message event an envelope carries, if it is one. */
    public static Optional<MessageEvent> of(CustomerEvent event) {
        if (event.type() != EventType.TRACK || event.name() == null) return Optional.empty();
        return Status.ofEventName(event.name()).map(status -> {
            Map<String, Object> p = event.properties();
            Channel channel;
            try {
                channel = Channel.valueOf(String.valueOf(p.getOrDefault("channel", "email")));
            } catch (IllegalArgumentException e) {
                channel = Channel.email;
            }
            return new MessageEvent(status, channel, str(p, "message_id"), str(p, "journey_id"), str(p, "run_id"),
                    str(p, "step_id"), str(p, "provider"), str(p, "reason"));
        });
    }

    private static void put(Map<String, Object> m, String k, String v) {
        if (v != null) m.put(k, v);
    }

    private static String str(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? null : v.toString();
    }
}
