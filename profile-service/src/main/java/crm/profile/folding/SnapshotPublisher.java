package crm.profile.folding;

import crm.events.Json;
import crm.events.ProfileChanged;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes profile snapshots on crm.profiles.v1, keyed by profile id, and returns once the broker acked. */
@ApplicationScoped
public class SnapshotPublisher {
    @Inject
    @Channel("profiles")
    MutinyEmitter<String> emitter;

    public void publish(ProfileChanged snapshot) {
        Message<String> message = Message.of(Json.write(snapshot))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(snapshot.profileId()).build());
        emitter.sendMessageAndAwait(message);
    }
}
