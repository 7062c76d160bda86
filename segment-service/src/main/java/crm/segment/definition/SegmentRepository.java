package crm.segment.definition;

import crm.segment.DatabaseFailure;
import crm.segment.Timestamps;
import crm.segment.condition.Condition;
import crm.segment.condition.ConditionShape;
import crm.segment.condition.InvalidCondition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Segment definitions, always within one workspace. */
@ApplicationScoped
public class SegmentRepository {
    private static final Logger LOG = Logger.getLogger(SegmentRepository.class);
    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    DataSource dataSource;

    /** A stored segment with its timestamps. */
    public record Stored(Segment segment, Instant createdAt, Instant updatedAt) {
    }

    public boolean hasAny(String workspaceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select 1 from segments where workspace_id = ? limit 1")) {
            ps.setString(1, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("looking up segments", e);
        }
    }

    /** Adds the segment unless one with its id, preset key or name exists; true when added. */
    public boolean addIfAbsent(Segment segment, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into segments (id, workspace_id, preset_key, name, condition, reads_clock, created_at, updated_at)
                     values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            bindNew(ps, segment, now);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DatabaseFailure("adding a segment", e);
        }
    }

    /** Adds a segment; false when the workspace already has a segment of that name. */
    public boolean insert(Segment segment, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into segments (id, workspace_id, preset_key, name, condition, reads_clock, created_at, updated_at)
                     values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            bindNew(ps, segment, now);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) return false;
            throw new DatabaseFailure("adding a segment", e);
        }
    }

    private static void bindNew(PreparedStatement ps, Segment segment, Instant now) throws SQLException {
        ps.setString(1, segment.id());
        ps.setString(2, segment.workspaceId());
        ps.setString(3, segment.presetKey());
        ps.setString(4, segment.name());
        ps.setString(5, segment.conditionText());
        ps.setBoolean(6, ConditionShape.readsClock(segment.condition()));
        ps.setObject(7, Timestamps.column(now));
        ps.setObject(8, Timestamps.column(now));
    }

    public enum UpdateOutcome { UPDATED, NOT_FOUND, NAME_TAKEN }

    /** Changes the name and condition of a segment (its id and preset key stay). */
    public UpdateOutcome update(Segment segment, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     update segments set name = ?, condition = ?, reads_clock = ?, updated_at = ?
                     where workspace_id = ? and id = ?""")) {
            ps.setString(1, segment.name());
            ps.setString(2, segment.conditionText());
            ps.setBoolean(3, ConditionShape.readsClock(segment.condition()));
            ps.setObject(4, Timestamps.column(now));
            ps.setString(5, segment.workspaceId());
            ps.setString(6, segment.id());
            return ps.executeUpdate() == 1 ? UpdateOutcome.UPDATED : UpdateOutcome.NOT_FOUND;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) return UpdateOutcome.NAME_TAKEN;
            throw new DatabaseFailure("changing a segment", e);
        }
    }

    /** Deletes a segment and (by cascade) its memberships and history. */
    public boolean delete(String workspaceId, String segmentId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("delete from segments where workspace_id = ? and id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, segmentId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DatabaseFailure("deleting a segment", e);
        }
    }

    public Optional<Stored> find(String workspaceId, String segmentId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select id, preset_key, name, condition, created_at, updated_at from segments where workspace_id = ? and id = ?""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, segmentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Stored(new Segment(rs.getString("id"), workspaceId, rs.getString("preset_key"),
                        rs.getString("name"), Condition.parse(rs.getString("condition"))),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("loading a segment", e);
        }
    }

    public List<Segment> ofWorkspace(String workspaceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select id, preset_key, name, condition from segments where workspace_id = ? order by created_at, id""")) {
            ps.setString(1, workspaceId);
            List<Segment> segments = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("id");
                    try {
                        segments.add(new Segment(id, workspaceId, rs.getString("preset_key"), rs.getString("name"),
                                Condition.parse(rs.getString("condition"))));
                    } catch (InvalidCondition e) {
                        // Conditions are validated before they are stored; one that is not must not stop the others.
                        LOG.errorf("segment %s of workspace %s has an invalid condition, skipped: %s", id, workspaceId, e.getMessage());
                    }
                }
            }
            return segments;
        } catch (SQLException e) {
            throw new DatabaseFailure("loading segments", e);
        }
    }

    public WorkspaceSegments workspace(String workspaceId) {
        return new WorkspaceSegments(ofWorkspace(workspaceId));
    }

    /** Workspaces with at least one segment that reads the clock itself (others can only reach one through them). */
    public List<String> workspacesReadingTheClock() {
        return strings("select distinct workspace_id from segments where reads_clock");
    }

    public List<String> workspaces() {
        return strings("select distinct workspace_id from segments");
    }

    private List<String> strings(String sql) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rs.next()) ids.add(rs.getString(1));
            return ids;
        } catch (SQLException e) {
            throw new DatabaseFailure("listing workspaces", e);
        }
    }

    public List<SegmentSummary> summaries(String workspaceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select s.id, s.preset_key, s.name, s.condition,
                            (select count(*) from memberships m where m.workspace_id = s.workspace_id and m.segment_id = s.id) as members
                     from segments s where s.workspace_id = ? order by s.created_at, s.id""")) {
            ps.setString(1, workspaceId);
            List<SegmentSummary> summaries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    summaries.add(new SegmentSummary(rs.getString("id"), rs.getString("preset_key"), rs.getString("name"),
                            rs.getString("condition"), rs.getLong("members")));
                }
            }
            return summaries;
        } catch (SQLException e) {
            throw new DatabaseFailure("listing segments", e);
        }
    }

    public boolean exists(String workspaceId, String segmentId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select 1 from segments where workspace_id = ? and id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, segmentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("looking up a segment", e);
        }
    }
}
