package crm.profile.folding;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
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
