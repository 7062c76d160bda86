package crm.ingest.workspace;

/** Body of {@code POST /v1/workspaces}. */
public record NewWorkspace(String name) {
}
