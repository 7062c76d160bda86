package crm.ingest.webhooks;

import crm.ingest.broker.Broker;
import crm.ingest.dedupe.InboundDedupe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

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

    /** @return how many events were new and are now on the broker */
    public int publish(String workspaceId, WebhookProvider provider, List<InboundEvent> events) {
        if (events.isEmpty()) return 0;
        return dedupe.publishUnseen(workspaceId, provider.name(), events, InboundEvent::dedupeId,
                unseen -> unseen.forEach(e -> broker.publish(e.event()))).size();
    }
}
