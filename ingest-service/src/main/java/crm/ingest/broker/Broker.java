package crm.ingest.broker;

import crm.events.CustomerEvent;
import crm.events.Json;
import crm.events.Topics;
import crm.events.WorkspaceChanged;
import crm.ingest.ServiceUnavailable;
import crm.web.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes to Kafka and returns only once the broker acknowledged (acks=all, idempotent producer), so a caller never
 * answers 2xx for a record that is not durably stored. Any failure or timeout becomes a 503 with Retry-After.
 * <p>
 * One plain Kafka producer for every topic ingest writes: a request's records are all handed to it at once and their
 * acks awaited together, so concurrent requests share the producer's batches. (A reactive-messaging emitter here
 * added a hop and a lock per record and delivered the acks late: batch ingest ran at a tenth of the producer's rate.)
 */
@ApplicationScoped
public class Broker {
    private static final Logger LOG = Logger.getLogger(Broker.class);
    /** Every service's dead-letter topic (each consumer's failure strategy writes there too). */
    static final String DEAD_LETTERS = "crm.dlq.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "crm.publish.timeout")
    Duration timeout;
    @ConfigProperty(name = "crm.broker.max-block")
    Duration maxBlock;
    @ConfigProperty(name = "crm.broker.request-timeout")
    Duration requestTimeout;
    @ConfigProperty(name = "crm.broker.delivery-timeout")
    Duration deliveryTimeout;
    @ConfigProperty(name = "crm.broker.linger")
    Duration linger;
    @ConfigProperty(name = "crm.broker.batch-size")
    int batchSize;
    @ConfigProperty(name = "crm.broker.compression")
    String compression;

    private KafkaProducer<String, byte[]> producer;

    @PostConstruct
    void connect() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service");
        // Serializer instances, not class names: nothing is loaded by reflection (native image).
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    public void publish(CustomerEvent event) {
        publishAll(List.of(event));
    }

    /** Publishes the events and returns once the broker acknowledged every one, else throws (503). Order is kept. */
    public void publishAll(List<CustomerEvent> events) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        for (CustomerEvent e : events) records.add(new ProducerRecord<>(Topics.EVENTS, e.key(), Json.bytes(e)));
        send(records, events.size() + " events");
    }

    public void publish(WorkspaceChanged change) {
        send(List.of(new ProducerRecord<>(Topics.WORKSPACES, change.workspaceId(), Json.bytes(change))),
                "workspace change " + change.workspaceId());
    }

    /**
     * Puts an inbound delivery that could not be mapped on the dead-letter topic, its bytes unchanged and what is
     * known about it in the record headers; returns once the broker acknowledged, else throws (503).
     */
    public void deadLetter(String key, byte[] value, Map<String, String> headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, v) -> recordHeaders.add(name, utf8(v)));
        send(List.of(new ProducerRecord<>(DEAD_LETTERS, null, key, value, recordHeaders)),
                "a dead letter of workspace " + key);
    }

    /** Hands every record to the producer, then waits for all their acks within the publish timeout. */
    private void send(List<ProducerRecord<String, byte[]>> records, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
            for (ProducerRecord<String, byte[]> record : records) acks.add(producer.send(record));
            for (Future<RecordMetadata> ack : acks) ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(what, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // The payload is customer data: log what failed, not its content.
            throw unavailable(what, e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    private static ProblemException unavailable(String what, Throwable cause) {
        LOG.warnf("broker did not acknowledge %s: %s", what, String.valueOf(cause));
        return ServiceUnavailable.retryLater("the event broker is unavailable; nothing was stored, retry later");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
