package crm.ingest.workspace;

/** CDI event fired after a workspace's write keys changed, so caches of resolved keys forget that workspace. */
public record WriteKeysRotated(String workspaceId) {
}
