package crm.ingest.tracking;

import crm.ingest.workspace.WriteKey;
import crm.ingest.workspace.WriteKeyRepository;
import crm.ingest.workspace.WriteKeysRotated;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WriteKeyDirectoryTest {
    /** The table, counted: how often the directory really asks it. */
    static final class CountingKeys extends WriteKeyRepository {
        final Map<String, StoredKey> byHash = new HashMap<>();
        int lookups;

        @Override
        public Optional<StoredKey> findByHash(String hash) {
            lookups++;
            return Optional.ofNullable(byHash.get(hash));
        }
    }

    private Instant now = Instant.parse("2024-05-01T12:00:00Z");
    private final CountingKeys table = new CountingKeys();
    private final WriteKeyDirectory directory = new WriteKeyDirectory();

    WriteKeyDirectoryTest() {
        directory.keys = table;
        directory.ttl = Duration.ofMinutes(1);
        directory.clock = () -> now;
    }

    @Test
    void a_write_key_is_looked_up_by_its_hash() throws Exception {
        table.byHash.put(WriteKey.hash("key-a"), new WriteKeyRepository.StoredKey("ws-a", null));

        assertThat(directory.workspaceOf("key-a")).contains("ws-a");
        assertThat(directory.workspaceOf("key-b")).isEmpty();
    }

    @Test
    void a_known_key_is_remembered_until_the_ttl_passes() throws Exception {
        table.byHash.put(WriteKey.hash("key-a"), new WriteKeyRepository.StoredKey("ws-a", null));

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
        table.byHash.put(WriteKey.hash("key-new"), new WriteKeyRepository.StoredKey("ws-new", null));

        assertThat(directory.workspaceOf("key-new")).contains("ws-new");
    }

    @Test
    void a_rotated_key_works_until_its_grace_ends_then_is_refused() throws Exception {
        table.byHash.put(WriteKey.hash("old"), new WriteKeyRepository.StoredKey("ws-a", now.plusSeconds(30)));

        assertThat(directory.workspaceOf("old")).contains("ws-a");
        now = now.plusSeconds(29);
        assertThat(directory.workspaceOf("old")).contains("ws-a");
        now = now.plusSeconds(1);
        assertThat(directory.workspaceOf("old")).isEmpty();
    }

    @Test
    void a_cached_key_is_never_trusted_past_its_grace_even_within_the_ttl() throws Exception {
        directory.ttl = Duration.ofHours(48);
        table.byHash.put(WriteKey.hash("old"), new WriteKeyRepository.StoredKey("ws-a", now.plus(Duration.ofHours(24))));

        directory.workspaceOf("old");
        now = now.plus(Duration.ofHours(24));

        assertThat(directory.workspaceOf("old")).isEmpty();
    }

    @Test
    void a_rotation_makes_the_directory_forget_the_workspace_keys_at_once() throws Exception {
        directory.ttl = Duration.ofHours(48);
        table.byHash.put(WriteKey.hash("old"), new WriteKeyRepository.StoredKey("ws-a", null));
        table.byHash.put(WriteKey.hash("other"), new WriteKeyRepository.StoredKey("ws-b", null));
        directory.workspaceOf("old");
        directory.workspaceOf("other");

        // The rotation gave the old key a 24 h grace; without forgetting, the cache would trust it for 48 h.
        table.byHash.put(WriteKey.hash("old"), new WriteKeyRepository.StoredKey("ws-a", now.plus(Duration.ofHours(24))));
        directory.forget(new WriteKeysRotated("ws-a"));
        int lookups = table.lookups;

        assertThat(directory.workspaceOf("old")).contains("ws-a");
        assertThat(directory.workspaceOf("other")).contains("ws-b");
        assertThat(table.lookups).isEqualTo(lookups + 1);
        now = now.plus(Duration.ofHours(24));
        assertThat(directory.workspaceOf("old")).isEmpty();
    }
}
