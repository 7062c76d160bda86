package crm.journey.sends;

import com.fasterxml.jackson.core.type.TypeReference;
import crm.events.Json;
import crm.events.MessageEvent;
import crm.journey.guards.QuietHoursPolicy;
import crm.journey.runtime.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The sends table, the outbox of messages. A worker claims rows by setting a lease in a committed transaction
 * ({@code FOR UPDATE SKIP LOCKED}, so concurrent workers take disjoint rows), and every later change of a claimed row
 * checks that lease, so a worker whose lease expired cannot overwrite the work of the one that took over.
 */
@ApplicationScoped
public class SendRepository {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    Database database;
    @Inject
    DueSends due;

    /**
     * Writes a planned send; a send with the same idempotency key already written stays as it is. One due now wakes
     * this replica's send workers once the caller's transaction commits (before, they could not see it).
     */
    public void insert(Connection c, String workspaceId, PlannedSend send, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into sends (idempotency_key, workspace_id, run_id, step_id, channel, recipient, template, variables,
                                   status, attempts, due_at, created_at, quiet_hours)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), 'pending', 0, ?, ?, ?)
                on conflict (idempotency_key) do nothing""")) {
            ps.setString(1, send.idempotencyKey());
            ps.setString(2, workspaceId);
            ps.setObject(3, send.runId());
            ps.setString(4, send.stepId());
            ps.setString(5, send.channel().name());
            ps.setString(6, send.recipient());
            ps.setString(7, send.template());
            ps.setString(8, Json.write(send.variables()));
            ps.setObject(9, Database.timestamp(send.dueAt()));
            ps.setObject(10, Database.timestamp(now));
            ps.setString(11, send.quietHours() == null ? null : send.quietHours().name());
            if (ps.executeUpdate() == 1 && !send.dueAt().isAfter(now)) database.afterCommit(due::signal);
        }
    }

    /**
     * Claims up to {@code limit} sends for one worker until {@code leaseUntil}, and commits: due pending sends and
     * sends whose worker's lease expired (counted as a new attempt), and finished sends whose message event is not
     * published yet (to publish it).
     */
    public List<ClaimedSend> claim(Instant now, Instant leaseUntil, int limit) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update sends s set
                        status = case when s.status in ('pending', 'sending') then 'sending' else s.status end,
                        attempts = case when s.status in ('pending', 'sending') then s.attempts + 1 else s.attempts end,
                        lease_until = ?
                    from runs r
                    where r.id = s.run_id and s.idempotency_key in (
                        select idempotency_key from sends
                        where published_at is null
                          and ((status = 'pending' and due_at <= ?) or (status <> 'pending' and lease_until < ?))
                        order by due_at
                        limit ?
                        for update skip locked)
                    returning s.idempotency_key, s.workspace_id, s.run_id, r.journey_id, r.profile_id, s.step_id,
                              s.channel, s.recipient, s.template, s.variables::text as variables, s.status, s.attempts,
                              s.lease_until, s.finished_at, s.last_error, s.provider, s.quiet_hours""")) {
                ps.setObject(1, Database.timestamp(leaseUntil));
                ps.setObject(2, Database.timestamp(now));
                ps.setObject(3, Database.timestamp(now));
                ps.setInt(4, limit);
                List<ClaimedSend> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(claimed(rs));
                }
                return out;
            }
        });
    }

    /** Records the final status of a send this worker holds; false when its lease was lost to another worker. */
    public boolean finish(Connection c, ClaimedSend send, SendStatus status, String reason, Instant now) throws SQLException {
        return finish(c, send, new Outcome(status, reason, null, null, null, null), now);
    }

    /**
     * How a send ended.
     *
     * @param skipReason the guard's code when skipped (crm.journey.guards.SkipReason)
     * @param kind       marketing or transactional, which frequency caps count
     */
    public record Outcome(SendStatus status, String reason, String skipReason, String kind, String provider,
                          String providerMessageId) {
    }

    /**
     * Extends the lease of a send this worker still holds to {@code until}; empty when it lost it (the lease ran out and
     * another worker took the send up).
     */
    public Optional<ClaimedSend> renewLease(ClaimedSend send, Instant until) {
        Instant lease = until.truncatedTo(ChronoUnit.MICROS);
        int renewed = database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update sends set lease_until = ? where idempotency_key = ? and status = 'sending' and lease_until = ?")) {
                ps.setObject(1, Database.timestamp(lease));
                ps.setString(2, send.idempotencyKey());
                ps.setObject(3, Database.timestamp(send.leaseUntil()));
                return ps.executeUpdate();
            }
        });
        return renewed == 1 ? Optional.of(send.leasedUntil(lease)) : Optional.empty();
    }

    public boolean finish(Connection c, ClaimedSend send, Outcome outcome, Instant now) throws SQLException {
        if (!outcome.status().isFinal()) throw new IllegalArgumentException(outcome.status() + " is not final");
        try (PreparedStatement ps = c.prepareStatement("""
                update sends set status = ?, last_error = ?, finished_at = ?, sent_at = ?, skip_reason = ?,
                                 message_kind = ?, provider = ?, provider_message_id = ?
                where idempotency_key = ? and status = 'sending' and lease_until = ?""")) {
            ps.setString(1, outcome.status().name());
            ps.setString(2, outcome.reason());
            ps.setObject(3, Database.timestamp(now));
            ps.setObject(4, outcome.status() == SendStatus.sent ? Database.timestamp(now) : null);
            ps.setString(5, outcome.skipReason());
            ps.setString(6, outcome.kind());
            ps.setString(7, outcome.provider());
            ps.setString(8, outcome.providerMessageId());
            ps.setString(9, send.idempotencyKey());
            ps.setObject(10, Database.timestamp(send.leaseUntil()));
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Puts a send this worker holds back to pending until {@code dueAt} without counting the attempt: a guard held it
     * (quiet hours, the provider's rate), nothing was tried. It gives up its place under the frequency caps until its
     * next check.
     */
    public boolean holdUntil(ClaimedSend send, String why, Instant dueAt) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update sends set status = 'pending', attempts = attempts - 1, last_error = ?, due_at = ?, lease_until = null,
                                     counted_at = null
                    where idempotency_key = ? and status = 'sending' and lease_until = ?""")) {
                ps.setString(1, why);
                ps.setObject(2, Database.timestamp(dueAt));
                ps.setString(3, send.idempotencyKey());
                ps.setObject(4, Database.timestamp(send.leaseUntil()));
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Puts a send this worker holds back to pending, due again at {@code dueAt}, remembering the error; until then it
     * does not count under the frequency caps (what was not sent does not count).
     */
    public boolean retryLater(ClaimedSend send, String error, Instant dueAt) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update sends set status = 'pending', last_error = ?, due_at = ?, lease_until = null, counted_at = null
                    where idempotency_key = ? and status = 'sending' and lease_until = ?""")) {
                ps.setString(1, error);
                ps.setObject(2, Database.timestamp(dueAt));
                ps.setString(3, send.idempotencyKey());
                ps.setObject(4, Database.timestamp(send.leaseUntil()));
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Records that the sends' message events were acknowledged by Kafka; nothing more is to be done with them. */
    public void markPublished(List<String> idempotencyKeys, Instant now) {
        if (idempotencyKeys.isEmpty()) return;
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update sends set published_at = ?, lease_until = null where idempotency_key = any(?) and published_at is null")) {
                ps.setObject(1, Database.timestamp(now));
                ps.setArray(2, c.createArrayOf("text", idempotencyKeys.toArray()));
                return ps.executeUpdate();
            }
        });
    }

    private static ClaimedSend claimed(ResultSet rs) throws SQLException {
        return new ClaimedSend(rs.getString("idempotency_key"), rs.getString("workspace_id"),
                rs.getObject("run_id", UUID.class), rs.getString("journey_id"), rs.getString("profile_id"),
                rs.getString("step_id"), MessageEvent.Channel.valueOf(rs.getString("channel")), rs.getString("recipient"),
                rs.getString("template"), variables(rs.getString("variables")), SendStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"), Database.instant(rs, "lease_until"), Database.instant(rs, "finished_at"),
                rs.getString("last_error"), rs.getString("provider"),
                rs.getString("quiet_hours") == null ? null : QuietHoursPolicy.valueOf(rs.getString("quiet_hours")));
    }

    private static Map<String, Object> variables(String json) {
        try {
            return json == null ? Map.of() : Json.MAPPER.readValue(json, MAP);
        } catch (IOException e) {
            throw new IllegalStateException("stored variables are not a JSON object", e);
        }
    }
}
