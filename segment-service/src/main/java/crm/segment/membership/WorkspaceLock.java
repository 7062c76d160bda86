package crm.segment.membership;

import crm.segment.DatabaseFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Serialises the writers of one workspace's memberships (profile changes, sweeps, backfills, statistics, merges) for
 * the rest of the current transaction, across replicas: a sweep deciding on a snapshot that a profile change is
 * replacing would otherwise write a stale verdict.
 */
@ApplicationScoped
public class WorkspaceLock {
    /** Class id of these advisory locks (two-int key space, apart from the outbox's one-bigint lock). */
    private static final int MEMBERSHIPS = 0x5e6;

    @Inject
    DataSource dataSource;

    public void lock(String workspaceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
            ps.setInt(1, MEMBERSHIPS);
            ps.setString(2, workspaceId);
            ps.execute();
        } catch (SQLException e) {
            throw new DatabaseFailure("locking the workspace's memberships", e);
        }
    }
}
