package crm.bench.segment;

import crm.bench.profile.SuiteDatabase;
import crm.bench.profile.TableCopy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Every assumption the segment benchmarks make about segment-service's tables (V1__segments_memberships_outbox.sql,
 * V2__facts_statistics_history.sql), in one place, to adjust when the service changes:
 * <ul>
 *   <li>{@code profile_projection(workspace_id, profile_id, version, traits jsonb, facts jsonb)}: traits as the snapshot
 *       carried them, facts as {@code crm.segment.condition.Facts} types them (dates as epoch milliseconds, numbers as
 *       canonical decimals);</li>
 *   <li>{@code memberships(workspace_id, segment_id, profile_id, entered_at)}, entered_at being the reconcile's "now";</li>
 *   <li>{@code segments(id, workspace_id, preset_key, name, condition, reads_clock, created_at, updated_at)}: the time
 *       sweep visits only workspaces with a segment whose {@code reads_clock} is true, and reads the condition as text.</li>
 * </ul>
 */
final class SegmentTables {
    /** The swept segment and the hand-written SQL of the same membership (bound: workspace, cut-off in epoch ms). */
    static final String SWEPT_CONDITION = "last_order_date < now - 90d";
    static final String HAND_WRITTEN = "select profile_id from profile_projection "
            + "where workspace_id = ? and (facts ->> 'last_order_date')::numeric < ?";

    private SegmentTables() {
    }

    /** Adds a segment the way the API stores it, without the backfill the API would start. */
    static void addSegment(Connection c, String id, String workspaceId, String name, String condition, boolean readsClock,
                           Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into segments (id, workspace_id, preset_key, name, condition, reads_clock, created_at, updated_at)
                values (?, ?, null, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, id);
            ps.setString(2, workspaceId);
            ps.setString(3, name);
            ps.setString(4, condition);
            ps.setBoolean(5, readsClock);
            ps.setObject(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setObject(7, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    /** Whether the time sweep visits the segment. */
    static void sweepIt(Connection c, String segmentId, boolean swept) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update segments set reads_clock = ? where id = ?")) {
            ps.setBoolean(1, swept);
            ps.setString(2, segmentId);
            ps.executeUpdate();
        }
    }

    /** A COPY into profile_projection; {@link TableCopy#row} takes workspace, profile, version, traits, facts. */
    static TableCopy projection(Connection c) throws SQLException {
        return new TableCopy(c, "copy profile_projection (workspace_id, profile_id, version, traits, facts) from stdin");
    }

    /** A COPY into memberships; {@link TableCopy#row} takes workspace, segment, profile, entered_at. */
    static TableCopy memberships(Connection c) throws SQLException {
        return new TableCopy(c, "copy memberships (workspace_id, segment_id, profile_id, entered_at) from stdin");
    }

    /** Fresh statistics and visibility maps after a bulk load, as autovacuum would leave them a while later. */
    static void settle(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("vacuum analyze profile_projection");
            s.execute("vacuum analyze memberships");
        }
    }

    /**
     * Deletes the workspace's segments (their memberships and size history by cascade) and its projection: nothing
     * of the benchmark stays for the statistics job or the sweep to visit later in the run.
     */
    static void removeWorkspace(Connection c, String workspaceId) throws SQLException {
        try (PreparedStatement segments = c.prepareStatement("delete from segments where workspace_id = ?");
             PreparedStatement projection = c.prepareStatement("delete from profile_projection where workspace_id = ?")) {
            segments.setString(1, workspaceId);
            segments.executeUpdate();
            projection.setString(1, workspaceId);
            projection.executeUpdate();
        }
    }

    static Optional<Instant> enteredAt(Connection c, String workspaceId, String segmentId, String profileId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select entered_at from memberships where workspace_id = ? and segment_id = ? and profile_id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, segmentId);
            ps.setString(3, profileId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, OffsetDateTime.class).toInstant()) : Optional.empty();
            }
        }
    }

    static void removeMember(Connection c, String workspaceId, String segmentId, String profileId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "delete from memberships where workspace_id = ? and segment_id = ? and profile_id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, segmentId);
            ps.setString(3, profileId);
            ps.executeUpdate();
        }
    }

    static long members(Connection c, String workspaceId, String segmentId) throws SQLException {
        return SuiteDatabase.number(c, "select count(*) from memberships where workspace_id = ? and segment_id = ?", workspaceId, segmentId);
    }

    static long projected(Connection c, String workspaceId) throws SQLException {
        return SuiteDatabase.number(c, "select count(*) from profile_projection where workspace_id = ?", workspaceId);
    }

    /** Runs the hand-written SQL, reading every member's id as a client would; returns how many members. */
    static long handWritten(Connection c, String workspaceId, Instant now) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false); // a cursor, so a million ids stream instead of filling the heap
        try (PreparedStatement ps = c.prepareStatement(HAND_WRITTEN)) {
            ps.setFetchSize(10_000);
            ps.setString(1, workspaceId);
            ps.setBigDecimal(2, BigDecimal.valueOf(now.minus(java.time.Duration.ofDays(90)).toEpochMilli()));
            long n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1) != null) n++;
                }
            }
            c.commit();
            return n;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
