package crm.journey.workspaces;

import crm.events.Json;
import crm.events.WorkspaceChanged;
import crm.journey.runtime.Database;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.InstantSource;
import java.util.concurrent.CompletionStage;

/** Prepares workspaces as ingest creates them (crm.workspaces.v1). */
@ApplicationScoped
public class WorkspaceConsumer {
    @Inject
    Database database;
    @Inject
    Workspaces workspaces;
    @Inject
    InstantSource clock;

    @Incoming("workspaces")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        WorkspaceChanged change;
        try {
            change = Json.read(message.getPayload(), WorkspaceChanged.class);
            if (change.workspaceId() == null || change.workspaceId().isBlank() || change.kind() == null) {
                throw new IllegalArgumentException("not a valid WorkspaceChanged: workspaceId and kind are required");
            }
        } catch (IllegalArgumentException e) {
            return message.nack(e);
        }
        // Deleting a workspace's journeys, runs and sends is a later slice; a deleted workspace simply receives no
        // more segment transitions.
        if (change.kind() == WorkspaceChanged.Kind.DELETED) return message.ack();
        return database.commitThenAck(message, c -> workspaces.prepare(c, change.workspaceId(), clock.instant()));
    }
}
