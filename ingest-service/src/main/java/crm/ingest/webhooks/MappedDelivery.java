package crm.ingest.webhooks;

import crm.events.CustomerEvent;

import java.util.Optional;

/**
 * What a store's signed delivery becomes: an event, nothing on purpose (a topic the suite does not use), or nothing
 * because the mapping cannot read it (no topic, a body that is not a JSON object, a payload without what the event
 * needs). The last is never dropped: it goes to the dead-letter topic ({@link WebhookDeadLetters}).
 */
public sealed interface MappedDelivery {
    /** The event, when the delivery is one. */
    default Optional<CustomerEvent> mapped() {
        return this instanceof Event e ? Optional.of(e.event()) : Optional.empty();
    }

    record Event(CustomerEvent event) implements MappedDelivery {
    }

    /** A topic the suite does not use: acknowledged and ignored. */
    record Ignored(String topic) implements MappedDelivery {
    }

    /** @param reason why, naming fields and topics only, never a payload value (it is logged) */
    record Unmappable(String reason) implements MappedDelivery {
    }
}
