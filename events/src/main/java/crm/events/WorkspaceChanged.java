package crm.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;

/** Workspace lifecycle on {@link Topics#WORKSPACES}, keyed by workspace id; other services prepare or drop the workspace. */
public record WorkspaceChanged(String workspaceId, String name, Kind kind, Instant at) {

    public WorkspaceChanged {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(kind, "kind");
    }

    public enum Kind {
        @JsonProperty("created") CREATED,
        @JsonProperty("updated") UPDATED,
        @JsonProperty("deleted") DELETED
    }
}
