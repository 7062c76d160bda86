package crm.journey.sends;

import crm.events.CustomerEvent;
import crm.events.Json;
import io.smallrye.reactive.messaging.MutinyEmitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Publishes message events on crm.events.v1, keyed like every customer event, and waits for the broker's ack. */
@ApplicationScoped
public class MessageEventPublisher {
    private static final Logger LOG = Logger.getLogger(MessageEventPublisher.class);

    // What is outstanding is bounded by the callers, who wait for their acks (send workers: concurrency x batch size).
    @Inject
    @Channel("message-events")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    MutinyEmitter<String> emitter;

    public void publish(CustomerEvent event) {
        emitter.sendMessageAndAwait(message(event));
    }

    /**
     * Publishes the events together and waits until the broker acknowledged or refused each: one wait for all, not one
     * per event (each ack takes at least the producer's linger). Returns, in order, whether each was acknowledged.
     */
    public List<Boolean> publishAll(List<CustomerEvent> events) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(events.size());
        for (CustomerEvent event : events) {
            CompletableFuture<Void> ack;
            try {
                ack = emitter.sendMessage(message(event)).subscribeAsCompletionStage();
            } catch (RuntimeException e) {
                ack = CompletableFuture.failedFuture(e);
            }
            acks.add(ack);
        }
        List<Boolean> acked = new ArrayList<>(acks.size());
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).join();
                acked.add(true);
            } catch (CompletionException | CancellationException e) {
                LOG.warnf("message event %s not published: %s", events.get(i).id(), e.getCause() == null ? e : e.getCause());
                acked.add(false);
            }
        }
        return acked;
    }

    private static Message<String> message(CustomerEvent event) {
        return Message.of(Json.write(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build());
    }
}
