package crm.segment.outbox;

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

@ApplicationScoped
public class OutboxRepository {
    /** Advisory lock key held by whoever publishes (consumer or relay), so rows leave in the order they were written. */
    private static final long PUBLISHING_LOCK = 0x5e6_0b0L;

    @Inject
    DataSource dataSource;

    public void add(OutboxRow row, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into membership_outbox (id, topic, key, payload, created_at) values (?, ?, ?, ?::json, ?)""")) {
            ps.setString(1, row.id());
            ps.setString(2, row.topic());
            ps.setString(3, row.key());
            ps.setString(4, row.payload());
            ps.setObject(5, Timestamps.column(at));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("writing the outbox", e);
        }
    }

    /** Writes many rows in one batch (backfills, sweeps). */
    public void addAll(List<OutboxRow> rows, Instant at) {
        if (rows.isEmpty()) return;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into membership_outbox (id, topic, key, payload, created_at) values (?, ?, ?, ?::json, ?)""")) {
            for (OutboxRow row : rows) {
                ps.setString(1, row.id());
                ps.setString(2, row.topic());
                ps.setString(3, row.key());
                ps.setString(4, row.payload());
                ps.setObject(5, Timestamps.column(at));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new DatabaseFailure("writing the outbox", e);
        }
    }

    /** Drops what waits to be published about a profile (its erasure: the payloads carry its traits). */
    public void dropFor(String profileId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("delete from membership_outbox where key = ?")) {
            ps.setString(1, profileId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("clearing the outbox", e);
        }
    }

    /** Waits until no one else publishes; held until the current transaction ends. */
    public void lockForPublishing() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            ps.setLong(1, PUBLISHING_LOCK);
            ps.execute();
        } catch (SQLException e) {
            throw new DatabaseFailure("locking the outbox", e);
        }
    }

    public List<OutboxRow> oldest(int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select id, topic, key, payload::text as payload from membership_outbox order by position limit ?""")) {
            ps.setInt(1, limit);
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getString("id"), rs.getString("topic"), rs.getString("key"), rs.getString("payload")));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DatabaseFailure("reading the outbox", e);
        }
    }

    public void delete(List<String> ids) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("delete from membership_outbox where id = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("clearing the outbox", e);
        }
    }

    public long pending() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from membership_outbox");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new DatabaseFailure("counting the outbox", e);
        }
    }
}
