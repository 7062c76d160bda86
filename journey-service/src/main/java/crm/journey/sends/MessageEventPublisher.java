package crm.journey.sends;

import crm.events.CustomerEvent;
import crm.events.Json;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes message events on crm.events.v1, keyed like every customer event, and waits for the broker's ack. */
@ApplicationScoped
public class MessageEventPublisher {
    @Inject
    @Channel("message-events")
    MutinyEmitter<String> emitter;

    public void publish(CustomerEvent event) {
        emitter.sendMessageAndAwait(Message.of(Json.write(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build()));
    }
}
