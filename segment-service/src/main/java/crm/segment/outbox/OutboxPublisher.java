package crm.segment.outbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.util.List;

/** Moves outbox rows to Kafka: publish, wait for the broker's acks, then delete, all under the publishing lock. */
@ApplicationScoped
public class OutboxPublisher {
    @Inject
    @Channel("segments")
    MutinyEmitter<String> segments;
    @Inject
    OutboxRepository outbox;
    @ConfigProperty(name = "crm.segment.outbox.batch-size")
    int batchSize;
    @ConfigProperty(name = "crm.segment.outbox.ack-timeout")
    Duration ackTimeout;

    /**
     * Publishes the oldest pending rows, in the order they were written. If the broker does not ack them all, the
     * transaction rolls back and the rows stay for the next attempt (a duplicate is possible, a loss is not).
     *
     * @return how many rows were published; {@link #batchSize()} means more may be waiting
     */
    @Transactional
    public int publishPending() {
        outbox.lockForPublishing();
        List<OutboxRow> rows = outbox.oldest(batchSize);
        if (rows.isEmpty()) return 0;
        // Subscribing in list order hands the records to the producer in order; it keeps that order per partition.
        Uni.join().all(rows.stream().map(this::send).toList()).andFailFast().await().atMost(ackTimeout);
        outbox.delete(rows.stream().map(OutboxRow::id).toList());
        return rows.size();
    }

    public int batchSize() {
        return batchSize;
    }

    private Uni<Void> send(OutboxRow row) {
        return segments.sendMessage(Message.of(row.payload()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic()).withKey(row.key()).build()));
    }
}
