package crm.bench.journey;

import crm.bench.profile.TableCopy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Every assumption the drain benchmark makes about journey-service's tables (V1, V2, V5, V6 migrations) and its Welcome
 * template ({@code crm.journey.journeys.JourneyTemplates}), in one place, to adjust when the service changes. A run
 * that reached a send step is, as {@code RunProgress} writes it:
 * <ul>
 *   <li>{@code runs}: running, {@code current_step} = the send step, the profile's traits;</li>
 *   <li>{@code run_steps}: the step entered (seq 1, type "send", no outcome yet);</li>
 *   <li>{@code sends}: the outbox row, idempotency key run id + ":" + step id, pending, due now, recipient and the
 *       traits as template variables;</li>
 * </ul>
 * and the profile is known to the {@code contacts} projection (email, email consent subscribed).
 */
final class JourneyTables {
    static final String WELCOME_TEMPLATE_KEY = "welcome";
    static final String WELCOME_STEP = "welcome-email";
    static final String WELCOME_MESSAGE = "welcome";

    private JourneyTables() {
    }

    record JourneyRef(String id, int version) {
    }

    static JourneyRef welcome(Connection c, String workspaceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select id, version from journeys where workspace_id = ? and template_key = ? and status = 'active'")) {
            ps.setString(1, workspaceId);
            ps.setString(2, WELCOME_TEMPLATE_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new JourneyRef(rs.getString(1), rs.getInt(2)) : null;
            }
        }
    }

    static TableCopy contacts(Connection c) throws SQLException {
        return new TableCopy(c, "copy contacts (workspace_id, profile_id, version, email, consent_email, traits, updated_at) from stdin");
    }

    static TableCopy runs(Connection c) throws SQLException {
        return new TableCopy(c, "copy runs (id, workspace_id, journey_id, journey_version, profile_id, entry_key, entry_value, "
                + "status, started_at, current_step, traits, trigger_properties) from stdin");
    }

    static TableCopy runSteps(Connection c) throws SQLException {
        return new TableCopy(c, "copy run_steps (run_id, seq, step_id, type, entered_at) from stdin");
    }

    static TableCopy sends(Connection c) throws SQLException {
        return new TableCopy(c, "copy sends (idempotency_key, workspace_id, run_id, step_id, channel, recipient, template, "
                + "variables, status, attempts, due_at, created_at) from stdin");
    }

    /** One profile whose Welcome run reached its first send, due at {@code at}: a row in each of the four tables. */
    static void dueSend(String workspaceId, JourneyRef journey, String profileId, String email, String at,
                        TableCopy contacts, TableCopy runs, TableCopy runSteps, TableCopy sends) throws SQLException {
        UUID run = UUID.randomUUID();
        String traits = "{\"email\": \"" + email + "\", \"first_name\": \"Alex\"}";
        contacts.row(workspaceId, profileId, 1, email, "subscribed", traits, at);
        runs.row(run, workspaceId, journey.id(), journey.version(), profileId, "", "", "running", at, WELCOME_STEP, traits, "{}");
        runSteps.row(run, 1, WELCOME_STEP, "send", at);
        sends.row(run + ":" + WELCOME_STEP, workspaceId, run, WELCOME_STEP, "email", email, WELCOME_MESSAGE, traits,
                "pending", 0, at, at);
    }

    /** How many of the workspace's sends are in each status. */
    static Map<String, Long> statuses(Connection c, String workspaceId) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("select status, count(*) from sends where workspace_id = ? group by status")) {
            ps.setString(1, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** Deletes the workspace's sends no worker has claimed yet; returns how many. */
    static int withdrawPending(Connection c, String workspaceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from sends where workspace_id = ? and status = 'pending'")) {
            ps.setString(1, workspaceId);
            return ps.executeUpdate();
        }
    }

    static boolean finished(String status) {
        return status.equals("sent") || status.equals("skipped") || status.equals("failed");
    }
}
