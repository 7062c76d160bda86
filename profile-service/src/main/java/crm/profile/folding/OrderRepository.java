package crm.profile.folding;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import crm.events.CustomerEvent;
import crm.events.Json;
import crm.profile.traits.TimelineEvent;

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

/**
 * The orders table: each order of a workspace is counted once, whichever source or event id reported it, and names
 * the customer of refunds and cancellations that carry only the order id. Also pending_order_events: such corrections
 * that arrived before their order.
 */
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

    /** An order to count for a profile. */
    public record Counted(String workspaceId, String orderId, UUID profileId, String eventId, Instant at) {
    }

    /** {@link #count} of many orders in one statement (each order once: the first counts). */
    public void countAll(Connection c, List<Counted> orders) throws SQLException {
        if (orders.isEmpty()) return;
        try (PreparedStatement s = c.prepareStatement("insert into orders (workspace_id, order_id, profile_id, event_id, counted_at) "
                + "select u.w, u.o, u.p, u.e, u.at::timestamptz from unnest(?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[]) "
                + "as u(w, o, p, e, at) on conflict do nothing")) {
            s.setArray(1, c.createArrayOf("text", orders.stream().map(Counted::workspaceId).toArray()));
            s.setArray(2, c.createArrayOf("text", orders.stream().map(Counted::orderId).toArray()));
            s.setArray(3, c.createArrayOf("uuid", orders.stream().map(Counted::profileId).toArray()));
            s.setArray(4, c.createArrayOf("text", orders.stream().map(Counted::eventId).toArray()));
            s.setArray(5, c.createArrayOf("text", orders.stream().map(o -> o.at().toString()).toArray()));
            s.executeUpdate();
        }
    }

    /** Which of the orders have corrections waiting for them (see {@link #park}). */
    public java.util.Set<String> parkedAmong(Connection c, String workspaceId, java.util.Collection<String> orderIds) throws SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (orderIds.isEmpty()) return out;
        try (PreparedStatement s = c.prepareStatement("select distinct order_id from pending_order_events where workspace_id = ? "
                + "and order_id = any (?)")) {
            s.setString(1, workspaceId);
            s.setArray(2, c.createArrayOf("text", orderIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The profile the order was counted for. */
    public Optional<UUID> profileOf(Connection c, String workspaceId, String orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select profile_id from orders where workspace_id = ? and order_id = ?")) {
            s.setString(1, workspaceId);
            s.setString(2, orderId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** Keeps an event about an order not counted yet (a refund before its order), until the order arrives. */
    public void park(Connection c, String workspaceId, String orderId, TimelineEvent e, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into pending_order_events (workspace_id, order_id, event_id, occurred_at, "
                + "event, received_at) values (?, ?, ?, ?, ?::jsonb, ?) on conflict do nothing")) {
            s.setString(1, workspaceId);
            s.setString(2, orderId);
            s.setString(3, e.event().id());
            s.setObject(4, e.at().atOffset(ZoneOffset.UTC));
            s.setString(5, Json.write(e.event()));
            s.setObject(6, now.atOffset(ZoneOffset.UTC));
            s.executeUpdate();
        }
    }

    /** Takes the events that waited for the order (none usually). */
    public List<TimelineEvent> unpark(Connection c, String workspaceId, String orderId) throws SQLException {
        List<TimelineEvent> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("delete from pending_order_events where workspace_id = ? and order_id = ? "
                + "returning occurred_at, event::text")) {
            s.setString(1, workspaceId);
            s.setString(2, orderId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new TimelineEvent(rs.getObject(1, OffsetDateTime.class).toInstant(),
                            Json.read(rs.getString(2), CustomerEvent.class)));
                }
            }
        }
        return out;
    }

    /** Drops the corrections that waited since before {@code receivedBefore}; answers how many. */
    public int expireParked(Connection c, Instant receivedBefore) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("delete from pending_order_events where received_at < ?")) {
            s.setObject(1, receivedBefore.atOffset(ZoneOffset.UTC));
            return s.executeUpdate();
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
