package crm.profile.computed;

import crm.events.Json;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The computed_traits table (V7). Every query names the workspace: one workspace never sees another's definitions. */
@ApplicationScoped
public class ComputedTraitRepository {
    private static final String COLUMNS = "id, name, definition::text, revision, backfill_status, backfill_requested_at, "
            + "backfill_started_at, backfill_finished_at, backfill_profiles, backfill_changed, backfill_error, created_at, updated_at";

    /** Where the backfill of a definition stands: pending (queued), running, ready. */
    public record Backfill(String status, Instant requestedAt, Instant startedAt, Instant finishedAt, Integer profiles,
                           Integer changed, String lastError) {
    }

    /** A definition as stored. */
    public record Stored(ComputedTrait trait, Backfill backfill, Instant createdAt, Instant updatedAt) {
    }

    /** The workspace's definitions in use (not deleted), by name: what the fold computes. */
    public List<ComputedTrait> active(Connection c, String workspaceId) throws SQLException {
        List<ComputedTrait> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select id, name, definition::text, revision from computed_traits "
                + "where workspace_id = ? and deleted_at is null order by name")) {
            s.setString(1, workspaceId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(trait(rs));
            }
        }
        return out;
    }

    public List<Stored> list(Connection c, String workspaceId) throws SQLException {
        List<Stored> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from computed_traits "
                + "where workspace_id = ? and deleted_at is null order by name")) {
            s.setString(1, workspaceId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(stored(rs));
            }
        }
        return out;
    }

    public Optional<Stored> find(Connection c, String workspaceId, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from computed_traits "
                + "where workspace_id = ? and id = ? and deleted_at is null")) {
            s.setString(1, workspaceId);
            s.setObject(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(stored(rs)) : Optional.empty();
            }
        }
    }

    public int count(Connection c, String workspaceId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select count(*) from computed_traits where workspace_id = ? and deleted_at is null")) {
            s.setString(1, workspaceId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Serialises definition changes of one workspace (the maximum and unique names are checked under it). */
    public void lockWorkspace(Connection c, String workspaceId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
            s.setInt(1, 0x4354_5244); // "CTRD"
            s.setString(2, workspaceId);
            s.executeQuery().close();
        }
    }

    public boolean nameTaken(Connection c, String workspaceId, String name, UUID except) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select 1 from computed_traits where workspace_id = ? and name = ? "
                + "and deleted_at is null and id <> ?")) {
            s.setString(1, workspaceId);
            s.setString(2, name);
            s.setObject(3, except == null ? new UUID(0, 0) : except);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A new definition, its backfill queued. */
    public void insert(Connection c, String workspaceId, ComputedTrait t, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into computed_traits (id, workspace_id, name, definition, revision, "
                + "backfill_status, backfill_requested_at, created_at, updated_at) values (?, ?, ?, ?::jsonb, ?, 'pending', ?, ?, ?)")) {
            s.setObject(1, t.id());
            s.setString(2, workspaceId);
            s.setString(3, t.name());
            s.setString(4, Json.write(t.definition()));
            s.setInt(5, t.revision());
            s.setObject(6, timestamp(now));
            s.setObject(7, timestamp(now));
            s.setObject(8, timestamp(now));
            s.executeUpdate();
        }
    }

    /** An edit: a new revision, its backfill queued again. */
    public void update(Connection c, String workspaceId, ComputedTrait t, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update computed_traits set name = ?, definition = ?::jsonb, revision = ?, "
                + "backfill_status = 'pending', backfill_requested_at = ?, backfill_error = null, updated_at = ? "
                + "where workspace_id = ? and id = ? and deleted_at is null")) {
            s.setString(1, t.name());
            s.setString(2, Json.write(t.definition()));
            s.setInt(3, t.revision());
            s.setObject(4, timestamp(now));
            s.setObject(5, timestamp(now));
            s.setString(6, workspaceId);
            s.setObject(7, t.id());
            s.executeUpdate();
        }
    }

    /** Deleted definitions stay (hidden) until a backfill has taken their values out of every profile. */
    public boolean markDeleted(Connection c, String workspaceId, UUID id, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update computed_traits set deleted_at = ?, revision = revision + 1, "
                + "backfill_status = 'pending', backfill_requested_at = ?, updated_at = ? "
                + "where workspace_id = ? and id = ? and deleted_at is null")) {
            s.setObject(1, timestamp(now));
            s.setObject(2, timestamp(now));
            s.setObject(3, timestamp(now));
            s.setString(4, workspaceId);
            s.setObject(5, id);
            return s.executeUpdate() == 1;
        }
    }

    /** The workspaces with a backfill to run. */
    public List<String> workspacesToBackfill(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select distinct workspace_id from computed_traits where backfill_status <> 'ready'");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** Marks the workspace's queued backfills running; answers their revisions by id, to close exactly those. */
    public Map<UUID, Integer> start(Connection c, String workspaceId, Instant now) throws SQLException {
        Map<UUID, Integer> out = new java.util.LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("update computed_traits set backfill_status = 'running', backfill_started_at = ? "
                + "where workspace_id = ? and backfill_status <> 'ready' returning id, revision")) {
            s.setObject(1, timestamp(now));
            s.setString(2, workspaceId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.put(rs.getObject(1, UUID.class), rs.getInt(2));
            }
        }
        return out;
    }

    /**
     * Closes the backfills that ran: ready, unless the definition was edited meanwhile (then it stays queued); deleted
     * definitions whose values are gone are removed for good.
     */
    public void finish(Connection c, String workspaceId, Map<UUID, Integer> ran, int profiles, int changed, Instant now) throws SQLException {
        try (PreparedStatement ready = c.prepareStatement("update computed_traits set backfill_status = 'ready', backfill_finished_at = ?, "
                + "backfill_profiles = ?, backfill_changed = ?, backfill_error = null "
                + "where workspace_id = ? and id = ? and revision = ? and backfill_status = 'running'");
             PreparedStatement gone = c.prepareStatement("delete from computed_traits where workspace_id = ? and id = ? "
                     + "and revision = ? and deleted_at is not null")) {
            for (Map.Entry<UUID, Integer> e : ran.entrySet()) {
                gone.setString(1, workspaceId);
                gone.setObject(2, e.getKey());
                gone.setInt(3, e.getValue());
                gone.addBatch();
                ready.setObject(1, timestamp(now));
                ready.setInt(2, profiles);
                ready.setInt(3, changed);
                ready.setString(4, workspaceId);
                ready.setObject(5, e.getKey());
                ready.setInt(6, e.getValue());
                ready.addBatch();
            }
            gone.executeBatch();
            ready.executeBatch();
        }
    }

    /** A backfill that failed stays queued (retried at the next pass); the reason is shown on the definition. */
    public void failed(Connection c, String workspaceId, String error) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update computed_traits set backfill_status = 'pending', backfill_error = ? "
                + "where workspace_id = ? and backfill_status = 'running'")) {
            s.setString(1, error);
            s.setString(2, workspaceId);
            s.executeUpdate();
        }
    }

    private static ComputedTrait trait(ResultSet rs) throws SQLException {
        return new ComputedTrait(rs.getObject(1, UUID.class), rs.getString(2),
                Json.read(rs.getString(3), ComputedTrait.Definition.class), rs.getInt(4));
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        Integer profiles = (Integer) rs.getObject(9);
        Integer changed = (Integer) rs.getObject(10);
        return new Stored(trait(rs), new Backfill(rs.getString(5), instant(rs, 6), instant(rs, 7), instant(rs, 8), profiles,
                changed, rs.getString(11)), instant(rs, 12), instant(rs, 13));
    }

    private static OffsetDateTime timestamp(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
