package crm.segment.membership;

import crm.events.Json;
import crm.events.ProfileChanged;
import crm.events.ProfileErased;
import crm.events.ProfileMerged;
import crm.events.ProfileMessage;
import crm.segment.outbox.OutboxPublisher;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes crm.profiles.v1: snapshots, merges and erasures. An unreadable record fails the method and is
 * dead-lettered; a database failure is retried here until it passes, so a valid message is never dead-lettered.
 */
@ApplicationScoped
public class ProfileChangesConsumer {
    private static final Logger LOG = Logger.getLogger(ProfileChangesConsumer.class);

    @Inject
    SegmentMemberships memberships;
    @Inject
    ProfileLifecycle lifecycle;
    @Inject
    OutboxPublisher publisher;
    @Inject
    Retry retry;

    @Incoming("profiles")
    @Blocking
    public void consume(String payload) {
        if (payload == null) return; // a tombstone says nothing about segments
        ProfileMessage message = read(payload);
        int written;
        if (message instanceof ProfileChanged snapshot) {
            written = retry.run(() -> memberships.apply(snapshot)).size();
        } else if (message instanceof ProfileMerged merge) {
            written = retry.run(() -> lifecycle.merged(merge));
        } else {
            ProfileErased erasure = (ProfileErased) message;
            retry.run(() -> {
                lifecycle.erased(erasure);
                return null;
            });
            written = 0;
        }
        if (written == 0) return;
        try {
            publisher.publishPending();
        } catch (RuntimeException e) {
            // Committed in the outbox: the relay publishes it. The message itself is done.
            LOG.warnf("membership changes of profile %s left for the relay: %s", message.profileId(), e.toString());
        }
    }

    static ProfileMessage read(String payload) {
        ProfileMessage message = Json.read(payload, ProfileMessage.class);
        if (isBlank(message.workspaceId())) throw new IllegalArgumentException(message.getClass().getSimpleName() + " without workspaceId");
        if (isBlank(message.profileId())) throw new IllegalArgumentException(message.getClass().getSimpleName() + " without profileId");
        if (message instanceof ProfileMerged m && (isBlank(m.mergedId()) || m.mergedId().equals(m.profileId()))) {
            throw new IllegalArgumentException("ProfileMerged without a distinct mergedId");
        }
        return message;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
