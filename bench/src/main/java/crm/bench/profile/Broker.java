package crm.bench.profile;

import crm.e2e.Suite;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes messages straight onto the suite's broker, as the upstream service would (JSON values, string keys,
 * acks=all), faster than any service downstream consumes them, so the figure is the consumer's.
 */
public final class Broker implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public Broker(Suite suite) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    public void send(String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, e) -> {
            if (e != null) failure.compareAndSet(null, e);
        });
    }

    /** Waits until the broker acknowledged everything sent; fails when any send failed. */
    public void flush() {
        producer.flush();
        if (failure.get() != null) throw new IllegalStateException("publishing failed", failure.get());
    }

    @Override
    public void close() {
        producer.close();
    }
}
