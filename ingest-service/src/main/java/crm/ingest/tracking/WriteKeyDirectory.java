package crm.ingest.tracking;

import crm.ingest.workspace.WorkspaceRepository;
import crm.ingest.workspace.WriteKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a write key to its workspace, by hash. Known keys are remembered for crm.write-key.cache-ttl so the hot
 * path rarely touches the database; unknown keys are not remembered, so a new workspace works at once.
 */
@ApplicationScoped
public class WriteKeyDirectory {
    /** Bounds memory when many workspaces write; the whole cache is simply dropped when full. */
    static final int MAX_ENTRIES = 10_000;

    private final Map<String, Known> known = new ConcurrentHashMap<>();

    @Inject
    WorkspaceRepository workspaces;
    @Inject
    InstantSource clock;
    @ConfigProperty(name = "crm.write-key.cache-ttl")
    Duration ttl;

    public Optional<String> workspaceOf(String writeKey) throws SQLException {
        String hash = WriteKey.hash(writeKey);
        Instant now = clock.instant();
        Known k = known.get(hash);
        if (k != null && now.isBefore(k.until())) return Optional.of(k.workspaceId());
        Optional<String> found = workspaces.findIdByWriteKeyHash(hash);
        found.ifPresent(id -> {
            if (known.size() >= MAX_ENTRIES) known.clear();
            known.put(hash, new Known(id, now.plus(ttl)));
        });
        return found;
    }

    private record Known(String workspaceId, Instant until) {
    }
}
