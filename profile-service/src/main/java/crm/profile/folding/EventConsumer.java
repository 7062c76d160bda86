package crm.profile.folding;

import crm.events.CustomerEvent;
import crm.events.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads crm.events.v1. A message that is not a customer event is dead-lettered at once, so it never blocks its
 * partition; a valid event is folded and its snapshot published, retried until both succeed, and only then acked.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    @Inject
    EventFolding folding;
    @ConfigProperty(name = "crm.profile.retry.max-backoff", defaultValue = "PT10S")
    java.time.Duration maxBackoff;
    @Inject
    MeterRegistry meters;

    /** Failed attempts to fold and publish a valid event, each retried: a rising rate means the database or broker is down. */
    Counter retries;
    /** Messages sent to the dead-letter topic. */
    Counter deadLettered;

    @PostConstruct
    void meters() {
        retries = meters.counter("crm.profile.fold.retries");
        deadLettered = meters.counter("crm.profile.events.dead.lettered");
    }

    @Incoming("events")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        CustomerEvent event;
        try {
            event = parse(message.getPayload());
        } catch (IllegalArgumentException e) {
            LOG.warnf("dead-lettering a message of crm.events.v1: %s", e.getMessage());
            deadLettered.increment();
            return message.nack(e);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                // On a retry after a failed publish the fold finds the event processed and answers the same snapshot.
                folding.process(event);
                return message.ack();
            } catch (Exception e) {
                if (Failures.isPermanent(e)) {
                    LOG.warnf("dead-lettering event %s of workspace %s: %s", event.id(), event.workspaceId(), Failures.describe(e));
                    deadLettered.increment();
                    return message.nack(e);
                }
                retries.increment();
                long pause = Failures.backoffMillis(attempt, maxBackoff.toMillis());
                LOG.warnf("folding event %s failed (attempt %d), retrying in %d ms: %s", event.id(), attempt, pause, Failures.describe(e));
                if (!pause(pause)) {
                    // Shutting down: neither ack nor nack, so the event is delivered again after the restart.
                    return CompletableFuture.completedFuture(null);
                }
            }
        }
    }

    static CustomerEvent parse(String payload) {
        if (payload == null || payload.isBlank()) throw new IllegalArgumentException("empty message");
        return Json.read(payload, CustomerEvent.class);
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
