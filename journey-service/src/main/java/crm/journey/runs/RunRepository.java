package crm.journey.runs;

import crm.events.MessageEvent;
import crm.journey.journeys.Journey;
import crm.journey.runtime.Database;
import crm.journey.sends.SendStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The runs and processed_triggers tables. */
@ApplicationScoped
public class RunRepository {

    /** Records that a trigger (a segment transition) was acted on; false when it was before. */
    public boolean markTriggerProcessed(Connection c, String workspaceId, String triggerId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into processed_triggers (workspace_id, trigger_id, processed_at) values (?, ?, ?) on conflict do nothing")) {
            ps.setString(1, workspaceId);
            ps.setString(2, triggerId);
            ps.setObject(3, Database.timestamp(now));
            return ps.executeUpdate() == 1;
        }
    }

    /** Starts a run unless the profile already has one of this journey with this entry key; returns whether it started. */
    public boolean start(Connection c, UUID runId, Journey journey, String profileId, String entryKey, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into runs (id, workspace_id, journey_id, journey_version, profile_id, entry_key, status, started_at)
                values (?, ?, ?, ?, ?, ?, 'running', ?)
                on conflict (journey_id, profile_id, entry_key) do nothing""")) {
            ps.setObject(1, runId);
            ps.setString(2, journey.workspaceId());
            ps.setString(3, journey.id());
            ps.setInt(4, journey.version());
            ps.setString(5, profileId);
            ps.setString(6, entryKey);
            ps.setObject(7, Database.timestamp(now));
            return ps.executeUpdate() == 1;
        }
    }

    /** Ends a running run as completed or failed. */
    public void end(Connection c, UUID runId, RunStatus status, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update runs set status = ?, completed_at = ? where id = ? and status = 'running'")) {
            ps.setString(1, status.name());
            ps.setObject(2, Database.timestamp(now));
            ps.setObject(3, runId);
            ps.executeUpdate();
        }
    }

    /** The profile's runs in the workspace, oldest first, each with its steps' sends. */
    public List<RunView> ofProfile(Connection c, String workspaceId, String profileId) throws SQLException {
        Map<UUID, RunView> runs = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select r.id, r.journey_id, j.name, r.status, r.started_at, r.completed_at
                from runs r join journeys j on j.id = r.journey_id
                where r.workspace_id = ? and r.profile_id = ?
                order by r.started_at, r.id""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject("id", UUID.class);
                    runs.put(id, new RunView(id.toString(), rs.getString("journey_id"), rs.getString("name"),
                            RunStatus.valueOf(rs.getString("status")), Database.instant(rs, "started_at"),
                            Database.instant(rs, "completed_at"), new ArrayList<>()));
                }
            }
        }
        if (runs.isEmpty()) return List.of();
        try (PreparedStatement ps = c.prepareStatement("""
                select run_id, step_id, channel, status, sent_at, last_error from sends
                where workspace_id = ? and run_id = any (?)
                order by created_at, idempotency_key""")) {
            ps.setString(1, workspaceId);
            ps.setArray(2, c.createArrayOf("uuid", runs.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.get(rs.getObject("run_id", UUID.class)).steps().add(new RunView.StepView(rs.getString("step_id"),
                            MessageEvent.Channel.valueOf(rs.getString("channel")), SendStatus.valueOf(rs.getString("status")),
                            Database.instant(rs, "sent_at"), rs.getString("last_error")));
                }
            }
        }
        return List.copyOf(runs.values());
    }
}
