package crm.profile.traits;

import crm.events.CustomerEvent;
import crm.events.EventNames;
import crm.events.EventType;
import crm.events.Identities;
import crm.events.MessageEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Folds one event into a profile. Pure: the caller has already decided which profile the event is about and whether
 * its order was counted before (an order reported twice, by two sources or under two event ids, counts once).
 */
public final class ProfileFold {
    private ProfileFold() {
    }

    /** The profile after the event, one version later, changed at {@code now}. */
    public static Profile fold(Profile profile, CustomerEvent event, boolean orderAlreadyCounted, Instant now) {
        Map<String, Object> traits = new LinkedHashMap<>(profile.traits());
        if (event.type() == EventType.IDENTIFY) mergeTraits(traits, event.traits());
        // The email the event names is the customer's latest email, whatever kind of event carried it.
        if (event.identities().email() != null) traits.put("email", event.identities().email());

        int ordersCount = profile.ordersCount();
        BigDecimal totalSpent = profile.totalSpent();
        Instant firstOrder = profile.firstOrderDate();
        Instant lastOrder = profile.lastOrderDate();
        if (event.isTrack(EventNames.ORDER_COMPLETED) && !orderAlreadyCounted) {
            ordersCount++;
            totalSpent = totalSpent.add(OrderAmount.of(event.properties()).orElse(BigDecimal.ZERO));
            Instant at = event.timestamp() != null ? event.timestamp() : event.receivedAt();
            if (at != null) {
                // Kept to the microsecond, as PostgreSQL stores it, so a snapshot read back equals the one published.
                at = at.truncatedTo(ChronoUnit.MICROS);
                // min / max rather than "latest", so orders folded out of order still give the right dates
                firstOrder = firstOrder == null || at.isBefore(firstOrder) ? at : firstOrder;
                lastOrder = lastOrder == null || at.isAfter(lastOrder) ? at : lastOrder;
            }
        }

        long emailsSent = profile.emailsSent();
        boolean emailSent = MessageEvent.of(event)
                .filter(m -> m.status() == MessageEvent.Status.sent && m.channel() == MessageEvent.Channel.email)
                .isPresent();
        if (emailSent) emailsSent++;

        return new Profile(profile.id(), profile.workspaceId(), traits, ordersCount, totalSpent, firstOrder, lastOrder,
                emailsSent, profile.version() + 1, event.id(), profile.createdAt(), now);
    }

    /** The id of the order an "Order Completed" event reports, when it names one (without, it cannot be deduped). */
    public static Optional<String> orderId(CustomerEvent event) {
        if (!event.isTrack(EventNames.ORDER_COMPLETED)) return Optional.empty();
        Object id = event.properties().get("order_id");
        if (id == null || id.toString().isBlank()) return Optional.empty();
        return Optional.of(id.toString().trim());
    }

    /** The latest non-empty value of each trait wins; names become snake_case, emails are normalised. */
    static void mergeTraits(Map<String, Object> stored, Map<String, Object> incoming) {
        incoming.forEach((name, value) -> {
            if (name == null || isEmpty(value)) return;
            String key = TraitNames.snakeCase(name);
            if (key.isEmpty()) return;
            if (key.equals("email")) {
                String email = Identities.normaliseEmail(value.toString());
                if (email != null) stored.put(key, email);
                return;
            }
            stored.put(key, value);
        });
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || (value instanceof String s && s.isBlank())
                || (value instanceof Collection<?> c && c.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty());
    }
}
