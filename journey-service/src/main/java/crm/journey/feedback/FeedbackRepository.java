package crm.journey.feedback;

import crm.events.MessageEvent;
import crm.journey.runtime.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The message_feedback and conversions tables, and the sends they refer to. */
@ApplicationScoped
public class FeedbackRepository {

    /** A sent message as feedback and attribution need it. */
    public record SentMessage(String messageId, String journeyId, String stepId, String profileId, String recipient,
                              MessageEvent.Channel channel, Instant sentAt) {
    }

    /** The send a report is about: by our message id, else by the provider's id for it. */
    public Optional<SentMessage> message(Connection c, String workspaceId, String messageId, String providerMessageId) throws SQLException {
        if (messageId == null && providerMessageId == null) return Optional.empty();
        try (PreparedStatement ps = c.prepareStatement("""
                select s.idempotency_key, r.journey_id, s.step_id, r.profile_id, s.recipient, s.channel, s.sent_at
                from sends s join runs r on r.id = s.run_id
                where s.workspace_id = ? and (s.idempotency_key = ? or s.provider_message_id = ?)
                limit 1""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, messageId);
            ps.setString(3, providerMessageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(sent(rs)) : Optional.empty();
            }
        }
    }

    /** Records a report once per event id; returns whether it was new. */
    public boolean record(Connection c, String workspaceId, String eventId, String messageId, MessageEvent.Status status,
                          Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into message_feedback (workspace_id, event_id, message_id, status, at) values (?, ?, ?, ?, ?)
                on conflict do nothing""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, eventId);
            ps.setString(3, messageId);
            ps.setString(4, status.name());
            ps.setObject(5, Database.timestamp(at));
            return ps.executeUpdate() == 1;
        }
    }

    /** The last message a journey sent the profile at or before {@code at} and after {@code since}. */
    public Optional<SentMessage> lastSent(Connection c, String workspaceId, String profileId, Instant since, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select s.idempotency_key, r.journey_id, s.step_id, r.profile_id, s.recipient, s.channel, s.sent_at
                from sends s join runs r on r.id = s.run_id
                where r.workspace_id = ? and r.profile_id = ? and s.status = 'sent' and s.sent_at > ? and s.sent_at <= ?
                order by s.sent_at desc limit 1""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            ps.setObject(3, Database.timestamp(since));
            ps.setObject(4, Database.timestamp(at));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(sent(rs)) : Optional.empty();
            }
        }
    }

    /** Credits an order to a message once per order event. */
    public void convert(Connection c, String workspaceId, String orderEventId, SentMessage message, BigDecimal revenue,
                        String currency, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into conversions (workspace_id, order_event_id, journey_id, step_id, message_id, profile_id, revenue, currency, at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, orderEventId);
            ps.setString(3, message.journeyId());
            ps.setString(4, message.stepId());
            ps.setString(5, message.messageId());
            ps.setString(6, message.profileId());
            ps.setBigDecimal(7, revenue);
            ps.setString(8, currency);
            ps.setObject(9, Database.timestamp(at));
            ps.executeUpdate();
        }
    }

    private static SentMessage sent(ResultSet rs) throws SQLException {
        return new SentMessage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                MessageEvent.Channel.valueOf(rs.getString(6)), Database.instant(rs, "sent_at"));
    }
}
