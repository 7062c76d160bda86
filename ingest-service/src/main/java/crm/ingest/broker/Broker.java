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

    @Inject
    @Channel("customer-events")
    MutinyEmitter<String> customerEvents;

    @Inject
    @Channel("workspace-changes")
    MutinyEmitter<String> workspaceChanges;

    @ConfigProperty(name = "crm.publish.timeout")
    Duration timeout;

    public void publish(CustomerEvent event) {
        send(customerEvents, event.key(), Json.write(event), "event " + event.id());
    }

    public void publish(WorkspaceChanged change) {
        send(workspaceChanges, change.workspaceId(), Json.write(change), "workspace change " + change.workspaceId());
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
