package crm.segment.membership;

import crm.events.Json;
import crm.segment.DatabaseFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/** The latest snapshot of each profile that segments were evaluated on. */
@ApplicationScoped
public class ProjectionRepository {
    @Inject
    DataSource dataSource;

    /**
     * Stores the snapshot if it is newer than the stored one. One statement, so concurrent consumers of the same
     * profile (a rebalance) cannot both apply the same version.
     *
     * @return false when the stored version is the same or newer: the snapshot is to be ignored
     */
    public boolean advance(String workspaceId, String profileId, long version, Map<String, Object> traits) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into profile_projection (workspace_id, profile_id, version, traits) values (?, ?, ?, ?::jsonb)
                     on conflict (workspace_id, profile_id) do update set version = excluded.version, traits = excluded.traits
                     where profile_projection.version < excluded.version""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            ps.setLong(3, version);
            ps.setString(4, Json.write(traits));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DatabaseFailure("storing a profile snapshot", e);
        }
    }
}
