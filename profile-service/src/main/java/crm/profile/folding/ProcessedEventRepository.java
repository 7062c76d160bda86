package crm.profile.folding;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The processed_events table: the ids of the events already folded, the dedupe of at-least-once delivery. Nothing
 * else: the profile an event went into is its timeline row's ({@link TimelineRepository#profileOf}).
 */
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
}
