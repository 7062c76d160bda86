package crm.segment.workspace;

import crm.events.Json;
import crm.events.WorkspaceChanged;
import crm.segment.definition.PresetSegmentsSetup;
import crm.segment.membership.Retry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A created workspace gets its preset segments at once, so they are listed before its first profile arrives. */
@ApplicationScoped
public class WorkspaceChangesConsumer {
    @Inject
    PresetSegmentsSetup presets;
    @Inject
    Retry retry;

    @Incoming("workspaces")
    @Blocking
    public void consume(String payload) {
        if (payload == null) return;
        WorkspaceChanged change = Json.read(payload, WorkspaceChanged.class);
        if (change.workspaceId() == null || change.workspaceId().isBlank()) {
            throw new IllegalArgumentException("WorkspaceChanged without workspaceId");
        }
        if (change.kind() == WorkspaceChanged.Kind.CREATED) {
            retry.run(() -> {
                presets.prepare(change.workspaceId());
                return null;
            });
        }
    }
}
