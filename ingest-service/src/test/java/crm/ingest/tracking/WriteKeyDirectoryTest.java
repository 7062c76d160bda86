package crm.ingest.tracking;

import crm.ingest.workspace.WorkspaceRepository;
import crm.ingest.workspace.WriteKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WriteKeyDirectoryTest {
    /** The table, counted: how often the directory really asks it. */
    static final class CountingWorkspaces extends WorkspaceRepository {
        final Map<String, String> byHash = new HashMap<>();
        int lookups;

        @Override
        public Optional<String> findIdByWriteKeyHash(String writeKeyHash) {
            lookups++;
            return Optional.ofNullable(byHash.get(writeKeyHash));
        }
    }

    private Instant now = Instant.parse("2024-05-01T12:00:00Z");
    private final CountingWorkspaces table = new CountingWorkspaces();
    private final WriteKeyDirectory directory = new WriteKeyDirectory();

    WriteKeyDirectoryTest() {
        directory.workspaces = table;
        directory.ttl = Duration.ofMinutes(1);
        directory.clock = () -> now;
    }

    @Test
    void a_write_key_is_looked_up_by_its_hash() throws Exception {
        table.byHash.put(WriteKey.hash("key-a"), "ws-a");

        assertThat(directory.workspaceOf("key-a")).contains("ws-a");
        assertThat(directory.workspaceOf("key-b")).isEmpty();
    }

    @Test
    void a_known_key_is_remembered_until_the_ttl_passes() throws Exception {
        table.byHash.put(WriteKey.hash("key-a"), "ws-a");

        directory.workspaceOf("key-a");
        now = now.plusSeconds(59);
        directory.workspaceOf("key-a");
        assertThat(table.lookups).isEqualTo(1);

        now = now.plusSeconds(2);
        assertThat(directory.workspaceOf("key-a")).contains("ws-a");
        assertThat(table.lookups).isEqualTo(2);
    }

    @Test
    void an_unknown_key_is_not_remembered_so_a_new_workspace_works_at_once() throws Exception {
        assertThat(directory.workspaceOf("key-new")).isEmpty();
        table.byHash.put(WriteKey.hash("key-new"), "ws-new");

        assertThat(directory.workspaceOf("key-new")).contains("ws-new");
    }
}
