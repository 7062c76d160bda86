package crm.profile.folding;

import crm.events.CustomerEvent;
import crm.events.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads crm.events.v1 in batches (at most {@code max.poll.records} records). The valid events of a batch are folded
 * together and their messages published, retried until both succeed; only then is the batch acked. A message that is
 * not a customer event is dead-lettered, and so is an event that fails for a reason of its own (found by folding the
 * batch one event at a time once a permanent failure shows), so neither blocks the rest of its partition.
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

    /** Failed attempts to fold and publish valid events, each retried: a rising rate means the database or broker is down. */
    Counter retries;
    /** Messages sent to the dead-letter topic. */
    Counter deadLettered;
    /** Events folded (or found already folded) and published. */
    Counter folded;

    @PostConstruct
    void meters() {
        retries = meters.counter("crm.profile.fold.retries");
        deadLettered = meters.counter("crm.profile.events.dead.lettered");
        folded = meters.counter("crm.profile.events.folded");
    }

    /** A record of the batch and the event it carries. */
    record Delivery(KafkaRecord<String, String> record, CustomerEvent event) {
    }

    @Incoming("events")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        // Dead-lettering a record commits its offset, so it waits until the rest of the batch is folded: were it the
        // last record of its partition, committing earlier could lose the events before it on a crash.
        Map<KafkaRecord<String, String>, Exception> dead = new IdentityHashMap<>();
        List<Delivery> valid = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                valid.add(new Delivery(record, parse(record.getPayload())));
            } catch (IllegalArgumentException e) {
                LOG.warnf("dead-lettering a message of crm.events.v1: %s", e.getMessage());
                dead.put(record, e);
            }
        }
        if (!fold(valid, dead)) {
            // Shutting down: neither ack nor nack, so the batch is delivered again after the restart.
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<Void>> settled = new ArrayList<>();
        dead.forEach((record, reason) -> {
            deadLettered.increment();
            settled.add(record.nack(reason).toCompletableFuture());
        });
        // The connector commits a batch by its last record of each partition.
        for (KafkaRecord<String, String> last : batch.getLatestOffsetRecords().values()) {
            if (!dead.containsKey(last)) settled.add(last.ack().toCompletableFuture());
        }
        return CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new));
    }

    /**
     * Folds the deliveries together, retrying passing failures with backoff. A permanent failure is an event's own:
     * the deliveries are then folded one by one so only that event is dead-lettered. False when interrupted.
     */
    private boolean fold(List<Delivery> deliveries, Map<KafkaRecord<String, String>, Exception> dead) {
        if (deliveries.isEmpty()) return true;
        List<CustomerEvent> events = deliveries.stream().map(Delivery::event).toList();
        for (int attempt = 1; ; attempt++) {
            try {
                // On a retry the events committed before are found processed and their snapshots published again.
                folding.process(events);
                folded.increment(events.size());
                return true;
            } catch (Exception e) {
                if (Failures.isPermanent(e)) {
                    if (deliveries.size() == 1) {
                        CustomerEvent event = events.get(0);
                        LOG.warnf("dead-lettering event %s of workspace %s: %s", event.id(), event.workspaceId(), Failures.describe(e));
                        dead.put(deliveries.get(0).record(), e);
                        return true;
                    }
                    LOG.warnf("a batch of %d events failed permanently, folding them one by one: %s", events.size(), Failures.describe(e));
                    for (Delivery one : deliveries) {
                        if (!fold(List.of(one), dead)) return false;
                    }
                    return true;
                }
                retries.increment();
                long pause = Failures.backoffMillis(attempt, maxBackoff.toMillis());
                LOG.warnf("folding %d events failed (attempt %d), retrying in %d ms: %s", events.size(), attempt, pause, Failures.describe(e));
                if (!pause(pause)) return false;
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
