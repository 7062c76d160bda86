package crm.profile.folding;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;

/** The processed_events table: the ids of the events already folded, the dedupe of at-least-once delivery. */
@ApplicationScoped
public class ProcessedEventRepository {

    /**
     * Claims the event for this transaction. False when it was folded before; a concurrent claim of the same id waits
     * on the row lock and then sees it taken, so an event is never folded twice.
     */
    public boolean claim(Connection c, String workspaceId, String eventId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into processed_events (workspace_id, event_id, processed_at) "
                + "values (?, ?, ?) on conflict do nothing")) {
            s.setString(1, workspaceId);
            s.setString(2, eventId);
            s.setObject(3, now.atOffset(ZoneOffset.UTC));
            return s.executeUpdate() == 1;
        }
    }

    /** An event of a workspace. */
    public record Key(String workspaceId, String eventId) {
    }

    /** An event and the profile it was folded into. */
    public record Folded(String workspaceId, String eventId, UUID profileId) {
    }

    /**
     * {@link #claim} of many events in one statement (the keys distinct): answers those claimed now, the others were
     * folded before.
     */
    public Set<Key> claimAll(Connection c, List<Key> keys, Instant now) throws SQLException {
        Set<Key> claimed = new HashSet<>();
        if (keys.isEmpty()) return claimed;
        try (PreparedStatement s = c.prepareStatement("insert into processed_events (workspace_id, event_id, processed_at) "
                + "select k.w, k.e, ? from unnest(?::text[], ?::text[]) as k(w, e) on conflict do nothing returning workspace_id, event_id")) {
            s.setObject(1, now.atOffset(ZoneOffset.UTC));
            s.setArray(2, c.createArrayOf("text", keys.stream().map(Key::workspaceId).toArray()));
            s.setArray(3, c.createArrayOf("text", keys.stream().map(Key::eventId).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) claimed.add(new Key(rs.getString(1), rs.getString(2)));
            }
        }
        return claimed;
    }

    /** {@link #foldedInto} of many events in one statement. */
    public void foldedIntoAll(Connection c, List<Folded> folded) throws SQLException {
        if (folded.isEmpty()) return;
        try (PreparedStatement s = c.prepareStatement("update processed_events p set profile_id = u.pid "
                + "from unnest(?::text[], ?::text[], ?::uuid[]) as u(w, e, pid) where p.workspace_id = u.w and p.event_id = u.e")) {
            s.setArray(1, c.createArrayOf("text", folded.stream().map(Folded::workspaceId).toArray()));
            s.setArray(2, c.createArrayOf("text", folded.stream().map(Folded::eventId).toArray()));
            s.setArray(3, c.createArrayOf("uuid", folded.stream().map(Folded::profileId).toArray()));
            s.executeUpdate();
        }
    }

    public void foldedInto(Connection c, String workspaceId, String eventId, UUID profileId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "update processed_events set profile_id = ? where workspace_id = ? and event_id = ?")) {
            s.setObject(1, profileId);
            s.setString(2, workspaceId);
            s.setString(3, eventId);
            s.executeUpdate();
        }
    }

    /** The profile a processed event was folded into; empty when it named nobody. */
    public Optional<UUID> profileOf(Connection c, String workspaceId, String eventId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select profile_id from processed_events where workspace_id = ? and event_id = ?")) {
            s.setString(1, workspaceId);
            s.setString(2, eventId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** A merge: the events folded into {@code from} now belong to {@code to}. */
    public void move(Connection c, UUID from, UUID to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update processed_events set profile_id = ? where profile_id = ?")) {
            s.setObject(1, to);
            s.setObject(2, from);
            s.executeUpdate();
        }
    }

    /**
     * Erasure: the event ids stay (opaque, nothing about the person) so a redelivered event of the erased person does
     * not bring the profile back; the link to the profile goes.
     */
    public void forget(Connection c, UUID profileId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update processed_events set profile_id = null where profile_id = ?")) {
            s.setObject(1, profileId);
            s.executeUpdate();
        }
    }
}
