package crm.profile;

import crm.events.Json;
import crm.profile.traits.Profile;
import crm.profile.traits.ProfileState;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The profiles table. Every read names the workspace, so one workspace never reaches another's profiles. */
@ApplicationScoped
public class ProfileRepository {
    private static final String COLUMNS = "id, workspace_id, traits::text, orders_count, total_spent, first_order_date, "
            + "last_order_date, emails_sent, version, last_event_id, created_at, updated_at";

    public Optional<Profile> find(Connection c, String workspaceId, UUID id) throws SQLException {
        return select(c, "select " + COLUMNS + " from profiles where id = ? and workspace_id = ?", workspaceId, id);
    }

    /** Reads the profile and locks it until the transaction ends, so two folds of one profile never interleave. */
    public Optional<Profile> lock(Connection c, String workspaceId, UUID id) throws SQLException {
        return select(c, "select " + COLUMNS + " from profiles where id = ? and workspace_id = ? for update", workspaceId, id);
    }

    public void insert(Connection c, Profile p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into profiles (traits, orders_count, total_spent, "
                + "first_order_date, last_order_date, emails_sent, version, last_event_id, created_at, updated_at, id, workspace_id) "
                + "values (?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(s, p);
            s.executeUpdate();
        }
    }

    public void update(Connection c, Profile p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update profiles set traits = ?::jsonb, orders_count = ?, total_spent = ?, "
                + "first_order_date = ?, last_order_date = ?, emails_sent = ?, version = ?, last_event_id = ?, created_at = ?, "
                + "updated_at = ? where id = ? and workspace_id = ?")) {
            bind(s, p);
            if (s.executeUpdate() != 1) throw new SQLException("profile " + p.id() + " vanished during its update");
        }
    }

    /**
     * Saves a profile with the fold state it was computed from, and when its rolling values next fall (decay pass).
     * The order figures are columns too, so workspace KPIs and predictions read them with plain SQL.
     */
    public void update(Connection c, Profile p, ProfileState state, Instant decayAt) throws SQLException {
        // One statement: this runs for every event folded.
        try (PreparedStatement s = c.prepareStatement("update profiles set traits = ?::jsonb, orders_count = ?, total_spent = ?, "
                + "first_order_date = ?, last_order_date = ?, emails_sent = ?, version = ?, last_event_id = ?, created_at = ?, "
                + "updated_at = ?, state = ?::jsonb, decay_at = ? where id = ? and workspace_id = ?")) {
            bindColumns(s, p);
            s.setString(11, Json.write(state));
            if (decayAt == null) s.setNull(12, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            else s.setObject(12, timestamp(decayAt));
            s.setObject(13, UUID.fromString(p.id()));
            s.setString(14, p.workspaceId());
            if (s.executeUpdate() != 1) throw new SQLException("profile " + p.id() + " vanished during its update");
        }
    }

    /** A profile with the fold state it was computed from. */
    public record Folded(Profile profile, ProfileState state) {
    }

    /** A profile to save with its fold state and when its rolling values next fall (null when none will). */
    public record Saved(Profile profile, ProfileState state, Instant decayAt) {
    }

    /**
     * {@link #lock} and {@link #state} of many profiles of a workspace in one query, locked in id order (as one by one),
     * so two folds of the same profiles never deadlock. Profiles not found are left out.
     */
    public Map<UUID, Folded> lockAll(Connection c, String workspaceId, java.util.Collection<UUID> ids) throws SQLException {
        Map<UUID, Folded> out = new java.util.HashMap<>();
        if (ids.isEmpty()) return out;
        try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + ", state::text from profiles where workspace_id = ? "
                + "and id = any (?) order by id for update")) {
            s.setString(1, workspaceId);
            s.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Profile p = read(rs);
                    out.put(UUID.fromString(p.id()), new Folded(p, Json.read(rs.getString(13), ProfileState.class)));
                }
            }
        }
        return out;
    }

    /** Inserts new profiles, each with its fold state, in one statement. */
    public void insertAll(Connection c, java.util.List<Saved> saved) throws SQLException {
        if (saved.isEmpty()) return;
        try (PreparedStatement s = c.prepareStatement("insert into profiles (id, workspace_id, traits, orders_count, total_spent, "
                + "first_order_date, last_order_date, emails_sent, version, last_event_id, created_at, updated_at, state, decay_at) "
                + "select " + UNNESTED + " from " + UNNEST)) {
            bindAll(c, s, saved);
            s.executeUpdate();
        }
    }

    /** {@link #update(Connection, Profile, ProfileState, Instant)} of many profiles in one statement. */
    public void updateAll(Connection c, java.util.List<Saved> saved) throws SQLException {
        if (saved.isEmpty()) return;
        try (PreparedStatement s = c.prepareStatement("update profiles p set (traits, orders_count, total_spent, first_order_date, "
                + "last_order_date, emails_sent, version, last_event_id, created_at, updated_at, state, decay_at) = "
                + "(u.traits::jsonb, u.orders_count, u.total_spent::numeric, u.first_order_date::timestamptz, "
                + "u.last_order_date::timestamptz, u.emails_sent, u.version, u.last_event_id, u.created_at::timestamptz, "
                + "u.updated_at::timestamptz, u.state::jsonb, u.decay_at::timestamptz) "
                + "from " + UNNEST + " where p.id = u.id and p.workspace_id = u.workspace_id")) {
            bindAll(c, s, saved);
            if (s.executeUpdate() != saved.size()) throw new SQLException("a profile vanished during its update");
        }
    }

    private static final String UNNEST = "unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::bigint[], "
            + "?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as u(id, workspace_id, traits, orders_count, "
            + "total_spent, first_order_date, last_order_date, emails_sent, version, last_event_id, created_at, updated_at, state, decay_at)";
    private static final String UNNESTED = "u.id, u.workspace_id, u.traits::jsonb, u.orders_count, u.total_spent::numeric, "
            + "u.first_order_date::timestamptz, u.last_order_date::timestamptz, u.emails_sent, u.version, u.last_event_id, "
            + "u.created_at::timestamptz, u.updated_at::timestamptz, u.state::jsonb, u.decay_at::timestamptz";

    private static void bindAll(Connection c, PreparedStatement s, java.util.List<Saved> saved) throws SQLException {
        int n = saved.size();
        Object[][] columns = new Object[14][n];
        for (int i = 0; i < n; i++) {
            Profile p = saved.get(i).profile();
            columns[0][i] = UUID.fromString(p.id());
            columns[1][i] = p.workspaceId();
            columns[2][i] = Json.write(p.traits());
            columns[3][i] = p.ordersCount();
            columns[4][i] = p.totalSpent().toPlainString();
            columns[5][i] = text(p.firstOrderDate());
            columns[6][i] = text(p.lastOrderDate());
            columns[7][i] = p.emailsSent();
            columns[8][i] = p.version();
            columns[9][i] = p.lastEventId();
            columns[10][i] = text(p.createdAt());
            columns[11][i] = text(p.updatedAt());
            columns[12][i] = Json.write(saved.get(i).state());
            columns[13][i] = text(saved.get(i).decayAt());
        }
        String[] types = {"uuid", "text", "text", "int4", "text", "text", "text", "int8", "int8", "text", "text", "text", "text", "text"};
        for (int k = 0; k < 14; k++) s.setArray(k + 1, c.createArrayOf(types[k], columns[k]));
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    /** The fold state of a profile (an empty one for a profile folded before states were kept). */
    public ProfileState state(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select state::text from profiles where id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) throw new SQLException("profile " + id + " vanished");
                return Json.read(rs.getString(1), ProfileState.class);
            }
        }
    }

    /** The ids of every profile of the workspace, in id order (the order rows are locked in). */
    public java.util.List<UUID> idsOf(Connection c, String workspaceId) throws SQLException {
        java.util.List<UUID> out = new java.util.ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select id from profiles where workspace_id = ? order by id")) {
            s.setString(1, workspaceId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(rs.getObject(1, UUID.class));
            }
        }
        return out;
    }

    public void delete(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("delete from profiles where id = ?")) {
            s.setObject(1, id);
            s.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, Profile p) throws SQLException {
        bindColumns(s, p);
        s.setObject(11, UUID.fromString(p.id()));
        s.setString(12, p.workspaceId());
    }

    /** Parameters 1 to 10: the columns of the profile, from traits to updated_at. */
    private static void bindColumns(PreparedStatement s, Profile p) throws SQLException {
        s.setString(1, Json.write(p.traits()));
        s.setInt(2, p.ordersCount());
        s.setBigDecimal(3, p.totalSpent());
        s.setObject(4, timestamp(p.firstOrderDate()));
        s.setObject(5, timestamp(p.lastOrderDate()));
        s.setLong(6, p.emailsSent());
        s.setLong(7, p.version());
        s.setString(8, p.lastEventId());
        s.setObject(9, timestamp(p.createdAt()));
        s.setObject(10, timestamp(p.updatedAt()));
    }

    private static Optional<Profile> select(Connection c, String sql, String workspaceId, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            s.setString(2, workspaceId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Profile read(ResultSet rs) throws SQLException {
        return new Profile(rs.getObject(1, UUID.class).toString(), rs.getString(2), Json.read(rs.getString(3), Map.class),
                rs.getInt(4), rs.getBigDecimal(5), instant(rs, 6), instant(rs, 7), rs.getLong(8),
                rs.getLong(9), rs.getString(10), instant(rs, 11), instant(rs, 12));
    }

    private static OffsetDateTime timestamp(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
