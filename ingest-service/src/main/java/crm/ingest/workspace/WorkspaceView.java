package crm.ingest.workspace;

import java.time.Instant;

/** A workspace as its API token holder sees it (never the write key). */
public record WorkspaceView(String id, String name, Instant createdAt) {
    static WorkspaceView of(Workspace w) {
        return new WorkspaceView(w.id(), w.name(), w.createdAt());
    }
}
