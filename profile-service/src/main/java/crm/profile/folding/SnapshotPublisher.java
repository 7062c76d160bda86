package crm.profile.folding;

import crm.events.Json;
import crm.events.ProfileMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.ArrayList;
import java.util.List;

/** Publishes profile messages (snapshots, merges, erasures) on crm.profiles.v1, keyed by profile id, and returns once the broker acked. */
@ApplicationScoped
public class SnapshotPublisher {
    /**
     * Messages in flight at once: a whole batch of the consumer (max.poll.records), one wait for acks per batch. Bounded
     * under the sink's 1024 in-flight messages, with the emitter's buffer below as headroom for the other publishers.
     */
    static final int IN_FLIGHT = 500;

    @Inject
    @Channel("profiles")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
    MutinyEmitter<String> emitter;

    public void publish(ProfileMessage profileMessage) {
        publishAll(List.of(profileMessage));
    }

    /**
     * Sends the messages in order, then awaits every ack (one round trip per {@value #IN_FLIGHT} messages, not per
     * message); throws when any was refused. The emitter keeps their order, so per profile (key) they arrive in order.
     */
    public void publishAll(List<? extends ProfileMessage> messages) {
        for (int from = 0; from < messages.size(); from += IN_FLIGHT) {
            List<Uni<Void>> sends = new ArrayList<>();
            for (ProfileMessage m : messages.subList(from, Math.min(messages.size(), from + IN_FLIGHT))) {
                // Written as the sealed type, so the JSON carries the "type" consumers switch on.
                Message<String> message = Message.of(Json.write(m))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(m.profileId()).build());
                // Subscribed at once, so the sends leave together; the join below only waits for their acks.
                sends.add(Uni.createFrom().completionStage(emitter.sendMessage(message).subscribeAsCompletionStage()));
            }
            Uni.join().all(sends).andFailFast().await().indefinitely();
        }
    }
}
