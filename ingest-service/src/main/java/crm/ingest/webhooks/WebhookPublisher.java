package crm.ingest.webhooks;

import crm.ingest.broker.Broker;
import crm.ingest.dedupe.InboundDedupe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.function.Supplier;

/**
 * Publishes the events of a verified delivery, each once: ids already seen for the workspace and provider (a retry,
 * a replay, another replica) are left out. Returns once the broker acked every new event, else throws (503), and then
 * nothing is remembered, so the provider's retry goes through.
 */
@ApplicationScoped
public class WebhookPublisher {
    @Inject
    InboundDedupe dedupe;
    @Inject
    Broker broker;
    @Inject
    WebhookDeadLetters deadLetters;

    /** @return how many events were new and are now on the broker */
    public int publish(String workspaceId, WebhookProvider provider, List<InboundEvent> events) {
        if (events.isEmpty()) return 0;
        return dedupe.publishUnseen(workspaceId, provider.name(), events, InboundEvent::dedupeId,
                unseen -> unseen.forEach(e -> broker.publish(e.event()))).size();
    }

    /**
     * A store's verified delivery (Shopify, WooCommerce), which must never be refused nor lost: its event is
     * published, a topic the suite does not use is ignored, and anything the mapping cannot read, or throws on, is
     * dead-lettered. Every outcome is answered 200 once the broker acked what it keeps, else 503.
     */
    public WebhookAccepted accept(SignedDelivery delivery, Supplier<MappedDelivery> mapping) {
        MappedDelivery mapped;
        String cause = WebhookDeadLetters.UNMAPPABLE;
        try {
            mapped = mapping.get();
        } catch (RuntimeException e) {
            // Only the exception's type: its message may quote the payload.
            mapped = new MappedDelivery.Unmappable("the " + delivery.provider() + " mapping failed: " + e.getClass().getName());
            cause = WebhookDeadLetters.MAPPING_ERROR;
        }
        if (mapped instanceof MappedDelivery.Event e) {
            return WebhookAccepted.of(publish(delivery.workspaceId(), delivery.provider(),
                    List.of(new InboundEvent(delivery.deliveryId(), e.event()))));
        }
        if (mapped instanceof MappedDelivery.Unmappable u) {
            deadLetters.keep(delivery, u.reason(), cause);
            return WebhookAccepted.keptAsDeadLetter();
        }
        return WebhookAccepted.of(0);
    }
}
