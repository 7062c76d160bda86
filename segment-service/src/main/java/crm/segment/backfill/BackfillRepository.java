package crm.segment.backfill;

import crm.segment.DatabaseFailure;
import crm.segment.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The backfill jobs (table segment_backfills): requested with a segment's change, claimed and advanced by workers. */
@ApplicationScoped
public class BackfillRepository {
    @Inject
    DataSource dataSource;

    /** A job a worker holds: which segment, which request (revision) and where the last committed chunk ended. */
    public record Claim(String segmentId, String workspaceId, long revision) {
    }

    /**
     * Asks for a (new) backfill of the segment; call it in the transaction that changes the segment. A backfill of an
     * older revision that is running stops at its next chunk and this one starts over from the first profile.
     */
    public void request(String workspaceId, String segmentId, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into segment_backfills (segment_id, workspace_id, revision, status, requested_at) values (?, ?, 1, 'pending', ?)
                     on conflict (segment_id) do update set revision = segment_backfills.revision + 1, status = 'pending',
                       after_profile = null, profiles = 0, changes = 0, attempts = 0, last_error = null,
                       requested_at = excluded.requested_at, started_at = null, finished_at = null, lease_until = null""")) {
            ps.setString(1, segmentId);
            ps.setString(2, workspaceId);
            ps.setObject(3, Timestamps.column(now));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("requesting a backfill", e);
        }
    }

    public Optional<Backfill> find(String workspaceId, String segmentId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select status, requested_at, started_at, finished_at, profiles, changes, last_error from segment_backfills
                     where workspace_id = ? and segment_id = ?""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, segmentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Backfill(rs.getString(1), instant(rs, 2), instant(rs, 3), instant(rs, 4), rs.getLong(5),
                        rs.getLong(6), rs.getString(7)));
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("loading a backfill", e);
        }
    }

    /**
     * Claims the oldest job that is pending, or running with its lease expired (its worker crashed or failed), until
     * {@code leaseUntil}. Replicas skip each other's claims.
     */
    public Optional<Claim> claimNext(Instant now, Instant leaseUntil) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     update segment_backfills set status = 'running', started_at = coalesce(started_at, ?), lease_until = ?,
                       attempts = attempts + 1
                     where segment_id = (select segment_id from segment_backfills
                                         where status = 'pending' or (status = 'running' and lease_until < ?)
                                         order by requested_at limit 1 for update skip locked)
                     returning segment_id, workspace_id, revision""")) {
            ps.setObject(1, Timestamps.column(now));
            ps.setObject(2, Timestamps.column(leaseUntil));
            ps.setObject(3, Timestamps.column(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Claim(rs.getString(1), rs.getString(2), rs.getLong(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("claiming a backfill", e);
        }
    }

    /** Where the claimed job stands. */
    public record Position(String afterProfile) {
    }

    /**
     * Locks the job's row for the current transaction if it is still the claimed revision and running: empty when it
     * was overtaken (edited again, deleted with its segment, or finished by another worker).
     */
    public Optional<Position> lockIfCurrent(Claim claim) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select after_profile from segment_backfills where segment_id = ? and revision = ? and status = 'running'
                     for update""")) {
            ps.setString(1, claim.segmentId());
            ps.setLong(2, claim.revision());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Position(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("locking a backfill", e);
        }
    }

    /** Records a committed chunk: the last profile done, the counts, and a renewed lease; done when it was the last. */
    public void advance(Claim claim, String lastProfile, int profiles, int changes, boolean done, Instant now, Instant leaseUntil) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     update segment_backfills set after_profile = coalesce(?, after_profile), profiles = profiles + ?,
                       changes = changes + ?, status = ?, finished_at = ?, lease_until = ?, last_error = null
                     where segment_id = ? and revision = ?""")) {
            ps.setString(1, lastProfile);
            ps.setLong(2, profiles);
            ps.setLong(3, changes);
            ps.setString(4, done ? Backfill.DONE : Backfill.RUNNING);
            ps.setObject(5, done ? Timestamps.column(now) : null, Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setObject(6, done ? null : Timestamps.column(leaseUntil), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setString(7, claim.segmentId());
            ps.setLong(8, claim.revision());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("advancing a backfill", e);
        }
    }

    /** Records why an attempt failed; the job is taken up again once {@code retryAt} passes. */
    public void failed(Claim claim, String error, Instant retryAt) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     update segment_backfills set last_error = ?, lease_until = ? where segment_id = ? and revision = ? and status = 'running'""")) {
            ps.setString(1, error.length() > 500 ? error.substring(0, 500) : error);
            ps.setObject(2, Timestamps.column(retryAt));
            ps.setString(3, claim.segmentId());
            ps.setLong(4, claim.revision());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("recording a failed backfill", e);
        }
    }

    /** The profile ids of the workspace after {@code afterProfile} (null: from the first), in order, at most {@code limit}. */
    public List<String> nextProfiles(String workspaceId, String afterProfile, int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select profile_id from profile_projection where workspace_id = ? and (?::text is null or profile_id > ?)
                     order by profile_id limit ?""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, afterProfile);
            ps.setString(3, afterProfile);
            ps.setInt(4, limit);
            List<String> ids = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new DatabaseFailure("listing profiles to backfill", e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
