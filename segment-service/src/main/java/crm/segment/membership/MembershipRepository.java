package crm.segment.membership;

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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Who is in which segment, within one workspace. */
@ApplicationScoped
public class MembershipRepository {
    @Inject
    DataSource dataSource;

    public Set<String> segmentsOf(String workspaceId, String profileId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select segment_id from memberships where workspace_id = ? and profile_id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            Set<String> ids = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new DatabaseFailure("loading memberships", e);
        }
    }

    public void enter(String workspaceId, String segmentId, String profileId, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into memberships (workspace_id, segment_id, profile_id, entered_at) values (?, ?, ?, ?)
                     on conflict do nothing""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, segmentId);
            ps.setString(3, profileId);
            ps.setObject(4, Timestamps.column(at));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("recording a membership", e);
        }
    }

    public void exit(String workspaceId, String segmentId, String profileId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("delete from memberships where workspace_id = ? and segment_id = ? and profile_id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, segmentId);
            ps.setString(3, profileId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("removing a membership", e);
        }
    }

    /** Members ordered by profile id, starting after {@code afterProfileId} (null: from the first). */
    public List<Member> page(String workspaceId, String segmentId, String afterProfileId, int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select profile_id, entered_at from memberships
                     where workspace_id = ? and segment_id = ? and (?::text is null or profile_id > ?)
                     order by profile_id limit ?""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, segmentId);
            ps.setString(3, afterProfileId);
            ps.setString(4, afterProfileId);
            ps.setInt(5, limit);
            List<Member> members = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    members.add(new Member(rs.getString("profile_id"), rs.getObject("entered_at", OffsetDateTime.class).toInstant()));
                }
            }
            return members;
        } catch (SQLException e) {
            throw new DatabaseFailure("listing members", e);
        }
    }

    /** A segment the profile is in, as the profile's segments API lists it. */
    public record ProfileSegment(String segmentId, String key, String name, Instant enteredAt) {
    }

    public List<ProfileSegment> ofProfile(String workspaceId, String profileId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select s.id, s.preset_key, s.name, m.entered_at from memberships m
                     join segments s on s.id = m.segment_id and s.workspace_id = m.workspace_id
                     where m.workspace_id = ? and m.profile_id = ? order by s.created_at, s.id""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            List<ProfileSegment> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new ProfileSegment(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new DatabaseFailure("loading a profile's segments", e);
        }
    }

    /** The profile's memberships: segment id and when it entered. */
    public java.util.Map<String, Instant> enteredAt(String workspaceId, String profileId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select segment_id, entered_at from memberships where workspace_id = ? and profile_id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            java.util.Map<String, Instant> found = new java.util.LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) found.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
            }
            return found;
        } catch (SQLException e) {
            throw new DatabaseFailure("loading memberships", e);
        }
    }

    /** Removes every membership of the profile. */
    public void removeAll(String workspaceId, String profileId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("delete from memberships where workspace_id = ? and profile_id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("removing memberships", e);
        }
    }

    public long count(String workspaceId, String segmentId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from memberships where workspace_id = ? and segment_id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, segmentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("counting members", e);
        }
    }

    /** Enters (or, with {@code enter} false, exits) many profiles of one segment in one batch. */
    public void changeAll(String workspaceId, String segmentId, List<String> profileIds, boolean enter, Instant at) {
        if (profileIds.isEmpty()) return;
        String sql = enter
                ? "insert into memberships (workspace_id, segment_id, profile_id, entered_at) values (?, ?, ?, ?) on conflict do nothing"
                : "delete from memberships where workspace_id = ? and segment_id = ? and profile_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (String profileId : profileIds) {
                ps.setString(1, workspaceId);
                ps.setString(2, segmentId);
                ps.setString(3, profileId);
                if (enter) ps.setObject(4, Timestamps.column(at));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new DatabaseFailure("changing memberships", e);
        }
    }
}
