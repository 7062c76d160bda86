package crm.ingest.webhooks;

import crm.testing.CrmTestInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** The dead-letter topic as an operator reads it. */
public final class DeadLetters {
    public static final String TOPIC = "crm.dlq.v1";

    private DeadLetters() {
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The dead letter of the delivery with this id, waiting for it to land. */
    public static ConsumerRecord<String, String> await(String deliveryId) {
        return CrmTestInfra.kafka().await(TOPIC, r -> deliveryId.equals(header(r, WebhookDeadLetters.DELIVERY_HEADER)),
                Duration.ofSeconds(30));
    }

    /** Every dead letter now on the topic for this delivery id. */
    public static List<ConsumerRecord<String, String>> withId(String deliveryId) {
        return CrmTestInfra.kafka().all(TOPIC).stream()
                .filter(r -> deliveryId.equals(header(r, WebhookDeadLetters.DELIVERY_HEADER))).toList();
    }
}
