package crm.segment.membership;

import crm.events.Json;
import crm.events.ProfileChanged;
import crm.segment.outbox.OutboxPublisher;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Consumes profile snapshots. An unreadable record fails the method and is dead-lettered; a database failure is
 * retried here until it passes, so a valid snapshot is never dead-lettered.
 */
@ApplicationScoped
public class ProfileChangesConsumer {
    private static final Logger LOG = Logger.getLogger(ProfileChangesConsumer.class);

    @Inject
    SegmentMemberships memberships;
    @Inject
    OutboxPublisher publisher;
    @Inject
    Retry retry;

    @Incoming("profiles")
    @Blocking
    public void consume(String payload) {
        if (payload == null) return; // a tombstone says nothing about segments
        ProfileChanged snapshot = read(payload);
        List<Transition> transitions = retry.run(() -> memberships.apply(snapshot));
        if (transitions.isEmpty()) return;
        try {
            publisher.publishPending();
        } catch (RuntimeException e) {
            // Committed in the outbox: the relay publishes it. The snapshot itself is done.
            LOG.warnf("membership changes of profile %s left for the relay: %s", snapshot.profileId(), e.toString());
        }
    }

    static ProfileChanged read(String payload) {
        ProfileChanged snapshot = Json.read(payload, ProfileChanged.class);
        if (isBlank(snapshot.workspaceId())) throw new IllegalArgumentException("ProfileChanged without workspaceId");
        if (isBlank(snapshot.profileId())) throw new IllegalArgumentException("ProfileChanged without profileId");
        return snapshot;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
