package crm.ingest.broker;

import crm.events.CustomerEvent;
import crm.events.Json;
import crm.events.WorkspaceChanged;
import crm.ingest.ServiceUnavailable;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Publishes to Kafka and returns only once the broker acknowledged (acks=all), so a caller never answers 2xx for a
 * record that is not durably stored. Any failure or timeout becomes a 503 with Retry-After.
 */
@ApplicationScoped
public class Broker {
    private static final Logger LOG = Logger.getLogger(Broker.class);

    /**
     * Room for many concurrent requests' slices: with the default 128, a few concurrent batches overflowed the emitter
     * and were answered 503 although the broker was fine. Past this, a request still gets a 503 (backpressure).
     */
    @Inject
    @Channel("customer-events")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    MutinyEmitter<String> customerEvents;

    @Inject
    @Channel("workspace-changes")
    MutinyEmitter<String> workspaceChanges;

    @Inject
    @Channel("dead-letters")
    MutinyEmitter<byte[]> deadLetters;

    @ConfigProperty(name = "crm.publish.timeout")
    Duration timeout;

    public void publish(CustomerEvent event) {
        send(customerEvents, event.key(), Json.write(event), "event " + event.id());
    }

    /**
     * Publishes the events together and returns once the broker acknowledged every one, else throws (503). Sent in
     * slices so a 2,500-event batch never overflows the emitter's buffer; order is kept (one producer, in order).
     */
    public void publishAll(java.util.List<CustomerEvent> events) {
        java.time.Instant deadline = java.time.Instant.now().plus(timeout);
        for (int from = 0; from < events.size(); from += PUBLISH_SLICE) {
            java.util.List<io.smallrye.mutiny.Uni<Void>> sends = events.subList(from, Math.min(events.size(), from + PUBLISH_SLICE))
                    .stream().map(e -> customerEvents.sendMessage(keyed(e.key(), Json.write(e)))).toList();
            try {
                java.time.Duration left = java.time.Duration.between(java.time.Instant.now(), deadline);
                io.smallrye.mutiny.Uni.join().all(sends).andFailFast().await()
                        .atMost(left.isNegative() ? java.time.Duration.ZERO : left);
            } catch (RuntimeException e) {
                LOG.warnf("broker did not acknowledge %d events: %s", events.size(), e.toString());
                throw ServiceUnavailable.retryLater("the event broker is unavailable; nothing was stored, retry later");
            }
        }
    }

    private static final int PUBLISH_SLICE = 100;

    private static Message<String> keyed(String key, String value) {
        return Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    }

    public void publish(WorkspaceChanged change) {
        send(workspaceChanges, change.workspaceId(), Json.write(change), "workspace change " + change.workspaceId());
    }

    /**
     * Puts an inbound delivery that could not be mapped on the dead-letter topic, its bytes unchanged and what is
     * known about it in the record headers; returns once the broker acknowledged, else throws (503).
     */
    public void deadLetter(String key, byte[] value, java.util.Map<String, String> headers) {
        org.apache.kafka.common.header.internals.RecordHeaders recordHeaders = new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.forEach((name, v) -> recordHeaders.add(name, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Message<byte[]> message = Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(recordHeaders).build());
        try {
            deadLetters.sendMessage(message).await().atMost(timeout);
        } catch (RuntimeException e) {
            LOG.warnf("broker did not acknowledge a dead letter of workspace %s: %s", key, e.toString());
            throw ServiceUnavailable.retryLater("the event broker is unavailable; nothing was stored, retry later");
        }
    }

    private void send(MutinyEmitter<String> emitter, String key, String value, String what) {
        Message<String> message = Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
        try {
            emitter.sendMessage(message).await().atMost(timeout);
        } catch (RuntimeException e) {
            // The payload is customer data: log what failed, not its content.
            LOG.warnf("broker did not acknowledge %s: %s", what, e.toString());
            throw ServiceUnavailable.retryLater("the event broker is unavailable; nothing was stored, retry later");
        }
    }
}
