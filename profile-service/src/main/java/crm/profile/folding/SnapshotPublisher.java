package crm.profile.folding;

import crm.events.Json;
import crm.events.ProfileMessage;
import crm.events.Topics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Publishes profile messages (snapshots, merges, erasures) on crm.profiles.v1, keyed by profile id, and returns once
 * the broker acked every one (acks=all, idempotent producer), so nothing is acked upstream before it is durable.
 * <p>
 * One plain Kafka producer for the whole service: the messages of a call are all handed to it, then their acks awaited
 * together. (The reactive-messaging emitter it replaces spent a tenth of the fold's CPU on a Uni, a context switch to
 * the event loop and a lock per message.)
 */
@ApplicationScoped
public class SnapshotPublisher {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "crm.profile.snapshots.compression")
    String compression;
    @ConfigProperty(name = "crm.profile.snapshots.batch-size")
    int batchSize;
    @ConfigProperty(name = "crm.profile.snapshots.delivery-timeout")
    Duration deliveryTimeout;

    private KafkaProducer<String, byte[]> producer;

    @PostConstruct
    void connect() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A call sends everything it has, then waits: what is in flight is batched anyway, so lingering to fill a
        // batch would only add latency to every fold batch.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "profile-service-snapshots");
        // Serializer instances, not class names: nothing is loaded by reflection (native image).
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }

    public void publish(ProfileMessage profileMessage) {
        publishAll(List.of(profileMessage));
    }

    /**
     * Sends the messages in order, then awaits every ack; throws when any was refused or not acked within the delivery
     * timeout. One producer keeps the order per partition, so per profile (key) they arrive in order.
     */
    public void publishAll(List<? extends ProfileMessage> messages) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(messages.size());
        // The sealed type's JSON carries the "type" consumers switch on.
        for (ProfileMessage m : messages) sent.add(producer.send(new ProducerRecord<>(Topics.PROFILES, m.profileId(), Json.bytes(m))));
        for (Future<RecordMetadata> ack : sent) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("crm.profiles.v1 refused a message: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while awaiting the broker's acks", e);
            }
        }
    }
}
