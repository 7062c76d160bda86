package crm.profile.folding;

import crm.events.Json;
import crm.events.ProfileMessage;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes profile messages (snapshots, merges, erasures) on crm.profiles.v1, keyed by profile id, and returns once the broker acked. */
@ApplicationScoped
public class SnapshotPublisher {
    @Inject
    @Channel("profiles")
    MutinyEmitter<String> emitter;

    public void publish(ProfileMessage profileMessage) {
        // Written as the sealed type, so the JSON carries the "type" consumers switch on.
        Message<String> message = Message.of(Json.write(profileMessage))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(profileMessage.profileId()).build());
        emitter.sendMessageAndAwait(message);
    }
}
