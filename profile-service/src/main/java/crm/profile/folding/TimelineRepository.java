package crm.profile.folding;

import crm.events.CustomerEvent;
import crm.events.Json;
import crm.profile.traits.TimelineEvent;
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
import java.util.Optional;
import java.util.UUID;

/** The profile_events table: the timeline of every profile, the events its traits are folded from. */
@ApplicationScoped
public class TimelineRepository {

    public void add(Connection c, UUID profileId, TimelineEvent e) throws SQLException {
        CustomerEvent event = e.event();
        try (PreparedStatement s = c.prepareStatement("insert into profile_events (workspace_id, event_id, profile_id, occurred_at, type, name, event) "
                + "values (?, ?, ?, ?, ?, ?, ?::jsonb) on conflict do nothing")) {
            s.setString(1, event.workspaceId());
            s.setString(2, event.id());
            s.setObject(3, profileId);
            s.setObject(4, e.at().atOffset(ZoneOffset.UTC));
            s.setString(5, Json.MAPPER.convertValue(event.type(), String.class));
            s.setString(6, event.name());
            s.setString(7, Json.write(event));
            s.executeUpdate();
        }
    }

    /** An event of a profile's timeline. */
    public record Entry(UUID profileId, TimelineEvent event) {
    }

    /** {@link #add} of many events in one statement. */
    public void addAll(Connection c, List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) return;
        int n = entries.size();
        String[] ws = new String[n], ids = new String[n], at = new String[n], types = new String[n], names = new String[n], json = new String[n];
        UUID[] profiles = new UUID[n];
        for (int i = 0; i < n; i++) {
            CustomerEvent event = entries.get(i).event().event();
            ws[i] = event.workspaceId();
            ids[i] = event.id();
            profiles[i] = entries.get(i).profileId();
            at[i] = entries.get(i).event().at().toString();
            types[i] = Json.MAPPER.convertValue(event.type(), String.class);
            names[i] = event.name();
            json[i] = Json.write(event);
        }
        try (PreparedStatement s = c.prepareStatement("insert into profile_events (workspace_id, event_id, profile_id, occurred_at, type, name, event) "
                + "select u.w, u.e, u.p, u.at::timestamptz, u.t, u.n, u.j::jsonb "
                + "from unnest(?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[]) as u(w, e, p, at, t, n, j) "
                + "on conflict do nothing")) {
            s.setArray(1, c.createArrayOf("text", ws));
            s.setArray(2, c.createArrayOf("text", ids));
            s.setArray(3, c.createArrayOf("uuid", profiles));
            s.setArray(4, c.createArrayOf("text", at));
            s.setArray(5, c.createArrayOf("text", types));
            s.setArray(6, c.createArrayOf("text", names));
            s.setArray(7, c.createArrayOf("text", json));
            s.executeUpdate();
        }
    }

    /** The profile an event was folded into; empty when it named nobody, waits for its order, or was erased. */
    public Optional<UUID> profileOf(Connection c, String workspaceId, String eventId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select profile_id from profile_events where workspace_id = ? and event_id = ?")) {
            s.setString(1, workspaceId);
            s.setString(2, eventId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** The whole timeline of a profile, to replay it. */
    public List<TimelineEvent> of(Connection c, UUID profileId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select occurred_at, event::text from profile_events where profile_id = ?")) {
            s.setObject(1, profileId);
            return read(s);
        }
    }

    /**
     * One page of a profile's timeline, newest first: events strictly before the cursor ({@code afterAt},
     * {@code afterId}) when one is given.
     */
    public List<TimelineEvent> page(Connection c, UUID profileId, Instant afterAt, String afterId, int limit) throws SQLException {
        String sql = "select occurred_at, event::text from profile_events where profile_id = ?"
                + (afterAt == null ? "" : " and (occurred_at, event_id) < (?, ?)")
                + " order by occurred_at desc, event_id desc limit ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setObject(i++, profileId);
            if (afterAt != null) {
                s.setObject(i++, afterAt.atOffset(ZoneOffset.UTC));
                s.setString(i++, afterId);
            }
            s.setInt(i, limit);
            return read(s);
        }
    }

    public void move(Connection c, UUID from, UUID to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update profile_events set profile_id = ? where profile_id = ?")) {
            s.setObject(1, to);
            s.setObject(2, from);
            s.executeUpdate();
        }
    }

    public void deleteOf(Connection c, UUID profileId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("delete from profile_events where profile_id = ?")) {
            s.setObject(1, profileId);
            s.executeUpdate();
        }
    }

    private static List<TimelineEvent> read(PreparedStatement s) throws SQLException {
        List<TimelineEvent> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Instant at = rs.getObject(1, OffsetDateTime.class).toInstant();
                out.add(new TimelineEvent(at, Json.read(rs.getString(2), CustomerEvent.class)));
            }
        }
        return out;
    }
}
