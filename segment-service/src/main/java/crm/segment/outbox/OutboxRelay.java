package crm.segment.outbox;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Publishes what was written but not published: after a crash, or while Kafka was unreachable. */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    OutboxPublisher publisher;

    @Scheduled(identity = "outbox-relay", every = "${crm.segment.outbox.relay-every}",
            delayed = "${crm.segment.outbox.relay-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        try {
            int published;
            do {
                published = publisher.publishPending();
                if (published > 0) LOG.debugf("relayed %d membership changes", published);
            } while (published == publisher.batchSize());
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay failed, next run retries: %s", e.toString());
        }
    }
}
