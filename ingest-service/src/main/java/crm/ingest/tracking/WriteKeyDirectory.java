package crm.ingest.tracking;

import crm.ingest.workspace.WriteKey;
import crm.ingest.workspace.WriteKeyRepository;
import crm.ingest.workspace.WriteKeysRotated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
 * Resolves a write key to its workspace, by hash. Known keys are remembered for crm.write-key.cache-ttl (never past
 * the end of a rotated key's grace) so the hot path rarely touches the database; unknown and expired keys are not
 * remembered, so a new workspace works at once. A rotation on this replica forgets the workspace's keys at once; other
 * replicas learn it within the TTL, which is why the rotation grace must be longer than the TTL.
 */
@ApplicationScoped
public class WriteKeyDirectory {
    /** Bounds memory when many workspaces write; the whole cache is simply dropped when full. */
    static final int MAX_ENTRIES = 10_000;

    private final Map<String, Known> known = new ConcurrentHashMap<>();

    @Inject
    WriteKeyRepository keys;
    @Inject
    InstantSource clock;
    @ConfigProperty(name = "crm.write-key.cache-ttl")
    Duration ttl;

    public Optional<String> workspaceOf(String writeKey) throws SQLException {
        String hash = WriteKey.hash(writeKey);
        Instant now = clock.instant();
        Known k = known.get(hash);
        if (k != null && now.isBefore(k.until())) return Optional.of(k.workspaceId());
        Optional<WriteKeyRepository.StoredKey> found = keys.findByHash(hash).filter(key -> key.validAt(now));
        found.ifPresent(key -> {
            if (known.size() >= MAX_ENTRIES) known.clear();
            Instant until = now.plus(ttl);
            if (key.validUntil() != null && key.validUntil().isBefore(until)) until = key.validUntil();
            known.put(hash, new Known(key.workspaceId(), until));
        });
        return found.map(WriteKeyRepository.StoredKey::workspaceId);
    }

    void forget(@Observes WriteKeysRotated rotated) {
        known.values().removeIf(k -> k.workspaceId().equals(rotated.workspaceId()));
    }

    private record Known(String workspaceId, Instant until) {
    }
}
