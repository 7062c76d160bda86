package crm.ingest.workspace;

/**
 * Answer of {@code POST /v1/workspaces}: the only time the write key is ever shown.
 *
 * @param writeKey authenticates the tracking API (Basic username or body {@code writeKey})
 * @param apiToken authenticates the workspace APIs of every service ({@code Authorization: Bearer})
 */
public record WorkspaceCreated(String id, String name, String writeKey, String apiToken) {
}
