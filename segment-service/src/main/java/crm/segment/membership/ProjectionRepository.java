package crm.segment.membership;

import crm.events.Json;
import crm.segment.DatabaseFailure;
import crm.segment.Timestamps;
import crm.segment.condition.Facts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The latest snapshot of each profile that segments were evaluated on, with its facts. */
@ApplicationScoped
public class ProjectionRepository {
    @Inject
    DataSource dataSource;

    /** A stored snapshot. */
    public record Snapshot(long version, Map<String, Object> traits) {
    }

    /**
     * Stores the snapshot if it is newer than the stored one. One statement, so concurrent consumers of the same
     * profile (a rebalance) cannot both apply the same version.
     *
     * @return false when the stored version is the same or newer: the snapshot is to be ignored
     */
    public boolean advance(String workspaceId, String profileId, long version, Map<String, Object> traits, Map<String, Object> facts) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into profile_projection (workspace_id, profile_id, version, traits, facts) values (?, ?, ?, ?::jsonb, ?::jsonb)
                     on conflict (workspace_id, profile_id) do update
                     set version = excluded.version, traits = excluded.traits, facts = excluded.facts
                     where profile_projection.version < excluded.version""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            ps.setLong(3, version);
            ps.setString(4, Json.write(traits));
            ps.setString(5, Json.write(facts));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DatabaseFailure("storing a profile snapshot", e);
        }
    }

    public Optional<Snapshot> find(String workspaceId, String profileId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select version, traits::text from profile_projection where workspace_id = ? and profile_id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Snapshot(rs.getLong(1), traits(rs.getString(2))));
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("loading a profile snapshot", e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> traits(String json) {
        return json == null ? Map.of() : Json.read(json, Map.class);
    }

    public void remove(String workspaceId, String profileId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("delete from profile_projection where workspace_id = ? and profile_id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("removing a profile snapshot", e);
        }
    }

    public boolean isRetired(String workspaceId, String profileId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select 1 from retired_profiles where workspace_id = ? and profile_id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("looking up a retired profile", e);
        }
    }

    /** Marks the profile as gone (merged or erased); true the first time. */
    public boolean retire(String workspaceId, String profileId, String reason, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into retired_profiles (workspace_id, profile_id, reason, retired_at) values (?, ?, ?, ?)
                     on conflict do nothing""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            ps.setString(3, reason);
            ps.setObject(4, Timestamps.column(at));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DatabaseFailure("retiring a profile", e);
        }
    }

    /** Computes the facts of up to {@code limit} snapshots stored before facts existed; returns how many. */
    public int fillMissingFacts(int limit) {
        try (Connection c = dataSource.getConnection()) {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select workspace_id, profile_id, traits::text from profile_projection where facts is null limit ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rows.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "update profile_projection set facts = ?::jsonb where workspace_id = ? and profile_id = ? and facts is null")) {
                for (String[] row : rows) {
                    ps.setString(1, Json.write(Facts.of(traits(row[2]))));
                    ps.setString(2, row[0]);
                    ps.setString(3, row[1]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return rows.size();
        } catch (SQLException e) {
            throw new DatabaseFailure("filling profile facts", e);
        }
    }
}
