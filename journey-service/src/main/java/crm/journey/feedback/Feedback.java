package crm.journey.feedback;

import crm.events.CustomerEvent;
import crm.events.EventNames;
import crm.events.MessageEvent;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What an event on crm.events.v1 means for the messages journeys sent. Pure. */
public final class Feedback {
    /** What providers report about a message after taking it; sent, failed and skipped are this service's own. */
    static final Set<MessageEvent.Status> RECORDED = EnumSet.complementOf(
            EnumSet.of(MessageEvent.Status.sent, MessageEvent.Status.failed, MessageEvent.Status.skipped));

    private Feedback() {
    }

    /** The provider's report this event is, when it is one. */
    public static Optional<MessageEvent> report(CustomerEvent event) {
        return MessageEvent.of(event).filter(m -> RECORDED.contains(m.status()));
    }

    /**
     * Why the event stops further messages to its address, if it does: a spam complaint always; a bounce when it is
     * hard (SendGrid reports a soft one, a block, as bounce type "blocked"; a "soft" type or a 4.x.x status is
     * temporary too).
     */
    public static Optional<String> suppression(CustomerEvent event, MessageEvent message) {
        if (message.status() == MessageEvent.Status.spam_reported) return Optional.of("spam_complaint");
        if (message.status() != MessageEvent.Status.bounced) return Optional.empty();
        Map<String, Object> p = event.properties();
        for (String k : new String[] {"bounce_type", "type", "bounce_classification"}) {
            Object v = p.get(k);
            if (v != null) {
                String s = v.toString().toLowerCase(Locale.ROOT);
                if (s.contains("blocked") || s.contains("soft") || s.contains("technical")) return Optional.empty();
            }
        }
        Object status = p.get("status");
        if (status != null && status.toString().startsWith("4")) return Optional.empty();
        return Optional.of("hard_bounce");
    }

    public static boolean isOrder(CustomerEvent event) {
        return event.isTrack(EventNames.ORDER_COMPLETED);
    }

    /** When the event happened: its timestamp, else when it was received. */
    public static Instant at(CustomerEvent event, Instant fallback) {
        if (event.timestamp() != null) return event.timestamp();
        return event.receivedAt() != null ? event.receivedAt() : fallback;
    }

    /** The order's value: revenue, else total, else value (Segment e-commerce v2 names). */
    public static Optional<BigDecimal> revenue(CustomerEvent event) {
        for (String k : new String[] {"revenue", "total", "value"}) {
            Object v = event.properties().get(k);
            if (v == null) continue;
            try {
                return Optional.of(v instanceof BigDecimal b ? b : new BigDecimal(v.toString().trim()));
            } catch (NumberFormatException e) {
                // try the next name
            }
        }
        return Optional.empty();
    }

    /** Whether a message sent at {@code sentAt} gets the credit for an order at {@code orderAt}. */
    public static boolean credits(Instant sentAt, Instant orderAt, Duration window) {
        return !sentAt.isAfter(orderAt) && sentAt.isAfter(orderAt.minus(window));
    }
}
