package crm.ingest.workspace;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The write_keys table: SHA-256 hashes of write keys, the workspace each opens, and until when. */
@ApplicationScoped
public class WriteKeyRepository {
    @Inject
    DataSource dataSource;

    /**
     * A stored write key.
     *
     * @param validUntil null for a current key; else the end of its rotation grace
     */
    public record StoredKey(String workspaceId, Instant validUntil) {
        public boolean validAt(Instant now) {
            return validUntil == null || now.isBefore(validUntil);
        }
    }

    static void insert(Connection c, String workspaceId, String hash, Instant createdAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "insert into write_keys (hash, workspace_id, created_at) values (?, ?, ?)")) {
            s.setString(1, hash);
            s.setString(2, workspaceId);
            s.setTimestamp(3, Timestamp.from(createdAt));
            s.executeUpdate();
        }
    }

    /** The key whose SHA-256 hex is given, valid or not. */
    public Optional<StoredKey> findByHash(String hash) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select workspace_id, valid_until from write_keys where hash = ?")) {
            s.setString(1, hash);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) return Optional.empty();
                Timestamp until = r.getTimestamp(2);
                return Optional.of(new StoredKey(r.getString(1), until == null ? null : until.toInstant()));
            }
        }
    }

    /**
     * Makes {@code newHash} the workspace's current key and lets every key still valid stay so until {@code graceEnd}
     * (never longer than it already had). Serialised per workspace by locking its row.
     *
     * @return false when the workspace does not exist
     */
    public boolean rotate(String workspaceId, String newHash, Instant now, Instant graceEnd) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("select 1 from workspaces where id = ? for update")) {
                    lock.setString(1, workspaceId);
                    try (ResultSet r = lock.executeQuery()) {
                        if (!r.next()) {
                            c.rollback();
                            return false;
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement("""
                        update write_keys set valid_until = least(coalesce(valid_until, ?), ?)
                        where workspace_id = ? and (valid_until is null or valid_until > ?)""")) {
                    s.setTimestamp(1, Timestamp.from(graceEnd));
                    s.setTimestamp(2, Timestamp.from(graceEnd));
                    s.setString(3, workspaceId);
                    s.setTimestamp(4, Timestamp.from(now));
                    s.executeUpdate();
                }
                insert(c, workspaceId, newHash, now);
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
