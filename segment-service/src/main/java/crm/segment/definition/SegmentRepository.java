package crm.segment.definition;

import crm.segment.DatabaseFailure;
import crm.segment.Timestamps;
import crm.segment.condition.Condition;
import crm.segment.condition.ConditionSyntaxException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Segment definitions, always within one workspace. */
@ApplicationScoped
public class SegmentRepository {
    private static final Logger LOG = Logger.getLogger(SegmentRepository.class);

    @Inject
    DataSource dataSource;

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

    /** Adds the segment unless one with its id or preset key exists; true when added. */
    public boolean addIfAbsent(Segment segment, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into segments (id, workspace_id, preset_key, name, condition, created_at, updated_at)
                     values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            ps.setString(1, segment.id());
            ps.setString(2, segment.workspaceId());
            ps.setString(3, segment.presetKey());
            ps.setString(4, segment.name());
            ps.setString(5, segment.conditionText());
            ps.setObject(6, Timestamps.column(now));
            ps.setObject(7, Timestamps.column(now));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DatabaseFailure("adding a segment", e);
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
                    } catch (ConditionSyntaxException e) {
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
