package crm.journey.feedback;

import crm.events.ApiTokens;
import crm.journey.runtime.Database;
import crm.web.CallingWorkspace;
import crm.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /v1/journeys/{id}/stats}: the journey's results; another workspace's journey is 404. */
@Path("/v1/journeys/{id}/stats")
@RolesAllowed(ApiTokens.WORKSPACE_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {
    @Inject
    CallingWorkspace workspace;
    @Inject
    Database database;

    @GET
    public JourneyStats stats(@PathParam("id") String journeyId) {
        String ws = workspace.id();
        return database.read(c -> {
            if (!exists(c, ws, journeyId)) throw ProblemException.notFound("no journey " + journeyId);
            return stats(c, ws, journeyId);
        });
    }

    private static boolean exists(Connection c, String ws, String journeyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from journeys where workspace_id = ? and id = ?")) {
            ps.setString(1, ws);
            ps.setString(2, journeyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Mutable per-step counters while the queries run. */
    private static final class Step {
        String channel;
        long sent, failed, delivered, opened, clicked, bounced, converted;
        BigDecimal revenue = BigDecimal.ZERO;
        final Map<String, Long> skipped = new TreeMap<>();
    }

    static JourneyStats stats(Connection c, String ws, String journeyId) throws SQLException {
        long entered = count(c, "select count(*) from runs where workspace_id = ? and journey_id = ?", ws, journeyId);
        Map<String, Step> steps = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select s.step_id, s.channel, s.status, s.skip_reason, count(*), min(s.created_at) as first
                from sends s join runs r on r.id = s.run_id
                where r.workspace_id = ? and r.journey_id = ?
                group by s.step_id, s.channel, s.status, s.skip_reason order by first""")) {
            ps.setString(1, ws);
            ps.setString(2, journeyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Step step = steps.computeIfAbsent(rs.getString(1), k -> new Step());
                    step.channel = rs.getString(2);
                    long n = rs.getLong(5);
                    switch (rs.getString(3)) {
                        case "sent" -> step.sent += n;
                        case "failed" -> step.failed += n;
                        case "skipped" -> step.skipped.merge(rs.getString(4) == null ? "other" : rs.getString(4), n, Long::sum);
                        default -> { } // pending or sending: not a result yet
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                select s.step_id, f.status, count(distinct f.message_id)
                from message_feedback f join sends s on s.idempotency_key = f.message_id join runs r on r.id = s.run_id
                where r.workspace_id = ? and r.journey_id = ? group by s.step_id, f.status""")) {
            ps.setString(1, ws);
            ps.setString(2, journeyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Step step = steps.computeIfAbsent(rs.getString(1), k -> new Step());
                    long n = rs.getLong(3);
                    switch (rs.getString(2)) {
                        case "delivered" -> step.delivered += n;
                        case "opened" -> step.opened += n;
                        case "clicked" -> step.clicked += n;
                        case "bounced" -> step.bounced += n;
                        default -> { }
                    }
                }
            }
        }
        long converted = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        try (PreparedStatement ps = c.prepareStatement("""
                select step_id, count(*), coalesce(sum(revenue), 0) from conversions
                where workspace_id = ? and journey_id = ? group by step_id""")) {
            ps.setString(1, ws);
            ps.setString(2, journeyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Step step = steps.computeIfAbsent(rs.getString(1), k -> new Step());
                    step.converted = rs.getLong(2);
                    step.revenue = rs.getBigDecimal(3);
                    converted += step.converted;
                    revenue = revenue.add(step.revenue);
                }
            }
        }
        List<JourneyStats.StepStats> out = new ArrayList<>();
        steps.forEach((id, s) -> out.add(new JourneyStats.StepStats(id, s.channel, s.sent, s.failed, s.delivered, s.opened,
                s.clicked, s.bounced, Map.copyOf(s.skipped), s.converted, s.revenue)));
        return new JourneyStats(journeyId, entered, converted, revenue, out);
    }

    private static long count(Connection c, String sql, String ws, String journeyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, ws);
            ps.setString(2, journeyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
