package crm.segment.definition;

import crm.segment.DatabaseFailure;
import crm.segment.Timestamps;
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

/** Which version of the preset list each workspace has received (table workspace_presets). */
@ApplicationScoped
public class PresetVersions {
    @Inject
    DataSource dataSource;

    /**
     * The workspace's version, its row locked until the transaction ends (so two replicas never add presets twice);
     * 0 for a workspace never seen, whose row is created.
     */
    public int lock(String workspaceId, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into workspace_presets (workspace_id, version, updated_at) values (?, 0, ?) on conflict do nothing")) {
                ps.setString(1, workspaceId);
                ps.setObject(2, Timestamps.column(now));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("select version from workspace_presets where workspace_id = ? for update")) {
                ps.setString(1, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("locking the workspace's presets", e);
        }
    }

    /** The version without locking; 0 for a workspace never seen. */
    public int of(String workspaceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select version from workspace_presets where workspace_id = ?")) {
            ps.setString(1, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("reading the workspace's presets version", e);
        }
    }

    public void set(String workspaceId, int version, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update workspace_presets set version = ?, updated_at = ? where workspace_id = ?")) {
            ps.setInt(1, version);
            ps.setObject(2, Timestamps.column(now));
            ps.setString(3, workspaceId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("recording the workspace's presets version", e);
        }
    }

    /** Workspaces that received an older version of the list. */
    public List<String> behind(int version) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select workspace_id from workspace_presets where version < ? order by workspace_id")) {
            ps.setInt(1, version);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new DatabaseFailure("listing workspaces with older presets", e);
        }
    }

    /** Whether the workspace has any profile yet (then added presets need a backfill). */
    public boolean hasProfiles(String workspaceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select 1 from profile_projection where workspace_id = ? limit 1")) {
            ps.setString(1, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("looking up profiles", e);
        }
    }
}
