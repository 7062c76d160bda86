package crm.ingest.webhooks.sendgrid;

import crm.events.CustomerEvent;
import crm.events.Identities;
import crm.events.MessageEvent;
import crm.ingest.webhooks.BodyDigest;
import crm.ingest.webhooks.InboundEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static crm.ingest.webhooks.PayloadFields.first;
import static crm.ingest.webhooks.PayloadFields.instant;
import static crm.ingest.webhooks.PayloadFields.put;
import static crm.ingest.webhooks.PayloadFields.text;

/**
 * Maps a SendGrid Event Webhook batch onto message events. Pure. Our sends carry custom_args {@code crm_message_id}
 * (the send's idempotency key) and optionally {@code crm_journey_id}, {@code crm_run_id}, {@code crm_step_id}; SendGrid
 * echoes them as top-level fields of every event. Events of a type we do not know, or without an email, are skipped.
 */
public final class SendGridMapping {
    public static final String SOURCE = "sendgrid";

    private SendGridMapping() {
    }

    /** SendGrid's event type to the suite's status; all 11 types of the Event Webhook. */
    public static Optional<MessageEvent.Status> status(String sendgridEvent) {
        if (sendgridEvent == null) return Optional.empty();
        return Optional.ofNullable(switch (sendgridEvent) {
            case "processed" -> MessageEvent.Status.processed;
            case "deferred" -> MessageEvent.Status.deferred;
            case "delivered" -> MessageEvent.Status.delivered;
            case "open" -> MessageEvent.Status.opened;
            case "click" -> MessageEvent.Status.clicked;
            case "bounce" -> MessageEvent.Status.bounced;
            case "dropped" -> MessageEvent.Status.dropped;
            case "spamreport" -> MessageEvent.Status.spam_reported;
            case "unsubscribe" -> MessageEvent.Status.unsubscribed;
            case "group_unsubscribe" -> MessageEvent.Status.group_unsubscribed;
            case "group_resubscribe" -> MessageEvent.Status.group_resubscribed;
            default -> null;
        });
    }

    public static List<InboundEvent> map(String workspaceId, List<?> batch, Instant receivedAt) {
        List<InboundEvent> events = new ArrayList<>();
        for (Object item : batch) {
            if (item instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> e = (Map<String, Object>) m;
                event(workspaceId, e, receivedAt).ifPresent(events::add);
            }
        }
        return events;
    }

    static Optional<InboundEvent> event(String workspaceId, Map<String, Object> e, Instant receivedAt) {
        String type = text(e, "event");
        Optional<MessageEvent.Status> status = status(type);
        String email = text(e, "email");
        if (status.isEmpty() || email == null) return Optional.empty();
        // sg_event_id is unique per event; the event type is added so that even a batch reusing one id (SendGrid's
        // own documentation sample does) keeps its distinct events. Without an id, the event's bytes identify it.
        String sgEventId = text(e, "sg_event_id");
        String dedupeId = (sgEventId != null && sgEventId.length() <= 200 ? sgEventId
                : "sha256-" + BodyDigest.sha256(String.valueOf(e).getBytes(StandardCharsets.UTF_8))) + ":" + type;
        String reason = first(text(e, "reason"), "deferred".equals(type) ? text(e, "response") : null);
        MessageEvent message = new MessageEvent(status.get(), MessageEvent.Channel.email, text(e, "crm_message_id"),
                text(e, "crm_journey_id"), text(e, "crm_run_id"), text(e, "crm_step_id"), SOURCE, reason);
        Instant at = first(instant(e, "timestamp"), receivedAt);
        CustomerEvent wrapped = message.toCustomerEvent(SOURCE + ":" + dedupeId, workspaceId,
                new Identities(null, null, email, null, null, null, null, null, null), at, SOURCE);
        Map<String, Object> props = new LinkedHashMap<>(wrapped.properties());
        put(props, "provider_message_id", text(e, "sg_message_id"));
        put(props, "provider_event_id", sgEventId);
        put(props, "url", text(e, "url"));
        put(props, "bounce_type", text(e, "type"));
        put(props, "smtp_status", text(e, "status"));
        put(props, "attempt", text(e, "attempt"));
        put(props, "asm_group_id", text(e, "asm_group_id"));
        if (e.get("category") != null) props.put("category", e.get("category"));
        if (Boolean.TRUE.equals(e.get("sg_machine_open"))) props.put("machine_open", true);
        return Optional.of(new InboundEvent(dedupeId, new CustomerEvent(wrapped.id(), workspaceId, wrapped.type(),
                wrapped.name(), wrapped.identities(), Map.of(), props, Map.of("provider", Map.of("name", SOURCE)),
                at, receivedAt, SOURCE, null)));
    }
}
