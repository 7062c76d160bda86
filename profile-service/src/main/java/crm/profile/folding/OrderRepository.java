package crm.profile.folding;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** The orders table: each order of a workspace is counted once, whichever source or event id reported it. */
@ApplicationScoped
public class OrderRepository {

    /** True when the order is counted now, false when it was counted before. */
    public boolean count(Connection c, String workspaceId, String orderId, UUID profileId, String eventId, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into orders (workspace_id, order_id, profile_id, event_id, counted_at) "
                + "values (?, ?, ?, ?, ?) on conflict do nothing")) {
            s.setString(1, workspaceId);
            s.setString(2, orderId);
            s.setObject(3, profileId);
            s.setString(4, eventId);
            s.setObject(5, now.atOffset(ZoneOffset.UTC));
            return s.executeUpdate() == 1;
        }
    }

    public void move(Connection c, UUID from, UUID to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update orders set profile_id = ? where profile_id = ?")) {
            s.setObject(1, to);
            s.setObject(2, from);
            s.executeUpdate();
        }
    }

    public void deleteOf(Connection c, UUID profileId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("delete from orders where profile_id = ?")) {
            s.setObject(1, profileId);
            s.executeUpdate();
        }
    }
}
