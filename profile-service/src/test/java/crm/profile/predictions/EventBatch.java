package crm.profile.predictions;

import crm.events.CustomerEvent;
import crm.events.Json;
import crm.events.Topics;
import crm.testing.CrmTestInfra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/** Many customer events to the real broker through one producer (one producer per event is slow), as ingest sends them. */
public final class EventBatch {
    private EventBatch() {
    }

    public static void send(List<CustomerEvent> events) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CrmTestInfra.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            List<Future<?>> acks = new ArrayList<>();
            for (CustomerEvent e : events) acks.add(producer.send(new ProducerRecord<>(Topics.EVENTS, e.key(), Json.write(e))));
            for (Future<?> ack : acks) ack.get();
        } catch (Exception e) {
            throw new IllegalStateException("sending events failed", e);
        }
    }
}
