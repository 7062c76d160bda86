package crm.journey.runs;

import com.fasterxml.jackson.core.type.TypeReference;
import crm.events.Json;
import crm.events.MessageEvent;
import crm.journey.runtime.Database;
import crm.journey.sends.SendStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The runs, run_steps, memberships and processed_triggers tables. */
@ApplicationScoped
public class RunRepository {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            id, workspace_id, journey_id, journey_version, profile_id, entry_value, status, current_step, due_at,
            awaiting_event, awaiting_message_id, traits::text as traits, trigger_properties::text as trigger_properties,
            started_at, converted_at""";

    /** Records that a trigger (a segment transition, an event) was acted on; false when it was before. */
    public boolean markTriggerProcessed(Connection c, String workspaceId, String triggerId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into processed_triggers (workspace_id, trigger_id, processed_at) values (?, ?, ?) on conflict do nothing")) {
            ps.setString(1, workspaceId);
            ps.setString(2, triggerId);
            ps.setObject(3, Database.timestamp(now));
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Inserts a running run unless one of the journey for the profile has this entry key already; returns whether it did.
     * The entry key is unique per journey and profile: the entry value for "never", plus the trigger id otherwise.
     */
    public boolean insert(Connection c, Run run, String entryKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into runs (id, workspace_id, journey_id, journey_version, profile_id, entry_key, entry_value, status,
                                  started_at, traits, trigger_properties)
                values (?, ?, ?, ?, ?, ?, ?, 'running', ?, cast(? as jsonb), cast(? as jsonb))
                on conflict (journey_id, profile_id, entry_key) do nothing""")) {
            ps.setObject(1, run.id());
            ps.setString(2, run.workspaceId());
            ps.setString(3, run.journeyId());
            ps.setInt(4, run.journeyVersion());
            ps.setString(5, run.profileId());
            ps.setString(6, entryKey);
            ps.setString(7, run.entryValue());
            ps.setObject(8, Database.timestamp(run.startedAt()));
            ps.setString(9, Json.write(run.traits()));
            ps.setString(10, Json.write(run.triggerProperties()));
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Serialises entries of one profile into one journey (with one entry value) for the rest of the transaction, so
     * two triggers at once cannot both pass the re-entry check.
     */
    public void lockEntry(Connection c, String journeyId, String profileId, String entryValue) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 7))")) {
            ps.setString(1, journeyId + "\n" + profileId + "\n" + entryValue);
            ps.executeQuery().close();
        }
    }

    /** The latest start of a run of the journey for the profile with this entry value, and whether one is running. */
    public Optional<Instant> lastStart(Connection c, String journeyId, String profileId, String entryValue) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select max(started_at) from runs where journey_id = ? and profile_id = ? and entry_value = ?""")) {
            ps.setString(1, journeyId);
            ps.setString(2, profileId);
            ps.setString(3, entryValue);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(Database.instant(rs, "max"));
            }
        }
    }

    public boolean hasRunning(Connection c, String journeyId, String profileId, String entryValue) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select 1 from runs where journey_id = ? and profile_id = ? and entry_value = ? and status = 'running' limit 1""")) {
            ps.setString(1, journeyId);
            ps.setString(2, profileId);
            ps.setString(3, entryValue);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Locks a run (waiting for another transaction that holds it) and reads it. */
    public Optional<Run> lock(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from runs where id = ? for update")) {
            ps.setObject(1, runId);
            return list(ps).stream().findFirst();
        }
    }

    /**
     * Locks up to {@code limit} running runs whose timer is due, skipping the ones another worker holds: replicas
     * share the due work and no run is advanced twice. The locks last until the caller's transaction ends.
     */
    public List<Run> claimDue(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + """
                 from runs where status = 'running' and due_at <= ?
                order by due_at limit ? for update skip locked""")) {
            ps.setObject(1, Database.timestamp(now));
            ps.setInt(2, limit);
            return list(ps);
        }
    }

    /** Records where a running run halted: a step, its timer, the event it waits for. */
    public void halt(Connection c, UUID runId, String stepId, Instant dueAt, String awaitingEvent, String awaitingMessageId,
                     Map<String, Object> traits) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update runs set current_step = ?, due_at = ?, awaiting_event = ?, awaiting_message_id = ?,
                                traits = cast(? as jsonb)
                where id = ? and status = 'running'""")) {
            ps.setString(1, stepId);
            ps.setObject(2, Database.timestamp(dueAt));
            ps.setString(3, awaitingEvent);
            ps.setString(4, awaitingMessageId);
            ps.setString(5, Json.write(traits));
            ps.setObject(6, runId);
            ps.executeUpdate();
        }
    }

    /** Ends a running run as completed or failed. */
    public void end(Connection c, UUID runId, RunStatus status, Instant now) throws SQLException {
        end(c, runId, status, null, now);
    }

    /** Ends a running run; returns whether it was running. */
    public boolean end(Connection c, UUID runId, RunStatus status, String reason, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update runs set status = ?, completed_at = ?, end_reason = ?, due_at = null, awaiting_event = null,
                                awaiting_message_id = null
                where id = ? and status = 'running'""")) {
            ps.setString(1, status.name());
            ps.setObject(2, Database.timestamp(now));
            ps.setString(3, reason);
            ps.setObject(4, runId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Appends steps to the run's timeline; the last one gets {@code dueAt} (its timer, when it has one). */
    public void addSteps(Connection c, UUID runId, List<StepMachine.Visit> visits, Instant dueAt, Instant now) throws SQLException {
        if (visits.isEmpty()) return;
        int seq;
        try (PreparedStatement ps = c.prepareStatement("select coalesce(max(seq), 0) from run_steps where run_id = ?")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                seq = rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into run_steps (run_id, seq, step_id, type, entered_at, due_at, outcome, finished_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < visits.size(); i++) {
                StepMachine.Visit v = visits.get(i);
                boolean last = i == visits.size() - 1;
                ps.setObject(1, runId);
                ps.setInt(2, ++seq);
                ps.setString(3, v.stepId());
                ps.setString(4, v.type());
                ps.setObject(5, Database.timestamp(now));
                ps.setObject(6, last ? Database.timestamp(dueAt) : null);
                ps.setString(7, v.outcome());
                ps.setObject(8, v.outcome() == null ? null : Database.timestamp(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Records what happened at the step the run was halted at. */
    public void finishStep(Connection c, UUID runId, String stepId, String outcome, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update run_steps set outcome = ?, finished_at = ?
                where run_id = ? and step_id = ? and outcome is null""")) {
            ps.setString(1, outcome);
            ps.setObject(2, Database.timestamp(now));
            ps.setObject(3, runId);
            ps.setString(4, stepId);
            ps.executeUpdate();
        }
    }

    /** Whether the provider reported {@code eventName} ("Message Opened", ...) about the message already. */
    public boolean messageReported(Connection c, String workspaceId, String messageId, String eventName) throws SQLException {
        Optional<MessageEvent.Status> status = MessageEvent.Status.ofEventName(eventName);
        if (status.isEmpty()) return false;
        try (PreparedStatement ps = c.prepareStatement(
                "select 1 from message_feedback where workspace_id = ? and message_id = ? and status = ? limit 1")) {
            ps.setString(1, workspaceId);
            ps.setString(2, messageId);
            ps.setString(3, status.get().name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A message a journey sent: its id ("run:step") and its run. */
    public record SentMessage(String messageId, UUID runId) {
    }

    /**
     * The message a provider report is about: by our message id, else by the provider's id for it (a callback that
     * carries only that, e.g. Twilio's MessageSid).
     */
    public Optional<SentMessage> message(Connection c, String workspaceId, String messageId, String providerMessageId) throws SQLException {
        if (messageId == null && providerMessageId == null) return Optional.empty();
        try (PreparedStatement ps = c.prepareStatement("""
                select idempotency_key, run_id from sends
                where workspace_id = ? and (idempotency_key = ? or provider_message_id = ?) limit 1""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, messageId);
            ps.setString(3, providerMessageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new SentMessage(rs.getString(1), rs.getObject(2, UUID.class))) : Optional.empty();
            }
        }
    }

    /** Running runs of the profile waiting for an event of this name (not about one message), locked. */
    public List<Run> awaiting(Connection c, String workspaceId, String profileId, String eventName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + """
                 from runs where workspace_id = ? and profile_id = ? and status = 'running' and awaiting_event = ?
                and awaiting_message_id is null order by started_at for update""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            ps.setString(3, eventName);
            return list(ps);
        }
    }

    /** The running runs an event may end: the profile's, and those whose entry value is among the event's values. */
    public List<Run> running(Connection c, String workspaceId, String profileId, Collection<String> entryValues) throws SQLException {
        // Two lookups, one per index, rather than an OR the planner may answer by reading the workspace's running
        // runs (it does while a table filled in one go has no statistics yet).
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + """
                 from runs where status = 'running' and id in (
                    select id from runs where workspace_id = ? and status = 'running' and profile_id = ?
                    union all
                    select id from runs where workspace_id = ? and status = 'running' and entry_value <> ''
                      and entry_value = any (?))
                order by started_at for update""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId == null ? "" : profileId);
            ps.setString(3, workspaceId);
            ps.setArray(4, c.createArrayOf("text", entryValues.toArray()));
            return list(ps);
        }
    }

    /** The profile's runs started since {@code since} and not converted yet: the ones a goal event may convert. */
    public List<Run> convertible(Connection c, String workspaceId, String profileId, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + """
                 from runs where workspace_id = ? and profile_id = ? and started_at >= ? and converted_at is null
                and status <> 'cancelled' for update""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            ps.setObject(3, Database.timestamp(since));
            return list(ps);
        }
    }

    public void convert(Connection c, UUID runId, String eventId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update runs set converted_at = ?, conversion_event_id = ? where id = ? and converted_at is null")) {
            ps.setObject(1, Database.timestamp(at));
            ps.setString(2, eventId);
            ps.setObject(3, runId);
            ps.executeUpdate();
        }
    }

    /** A profile merged into another: its runs move to the survivor, except those the survivor already has (cancelled). */
    public void moveProfile(Connection c, String workspaceId, String mergedId, String survivorId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update runs m set status = 'cancelled', completed_at = ?, end_reason = 'merged into ' || ?, due_at = null
                where m.workspace_id = ? and m.profile_id = ? and m.status = 'running' and exists (
                    select 1 from runs s where s.journey_id = m.journey_id and s.profile_id = ? and s.entry_key = m.entry_key)""")) {
            ps.setObject(1, Database.timestamp(now));
            ps.setString(2, survivorId);
            ps.setString(3, workspaceId);
            ps.setString(4, mergedId);
            ps.setString(5, survivorId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                update runs m set profile_id = ?
                where m.workspace_id = ? and m.profile_id = ? and not exists (
                    select 1 from runs s where s.journey_id = m.journey_id and s.profile_id = ? and s.entry_key = m.entry_key)""")) {
            ps.setString(1, survivorId);
            ps.setString(2, workspaceId);
            ps.setString(3, mergedId);
            ps.setString(4, survivorId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into memberships (workspace_id, profile_id, segment_id, since)
                select workspace_id, ?, segment_id, since from memberships where workspace_id = ? and profile_id = ?
                on conflict do nothing""")) {
            ps.setString(1, survivorId);
            ps.setString(2, workspaceId);
            ps.setString(3, mergedId);
            ps.executeUpdate();
        }
        deleteMemberships(c, workspaceId, mergedId);
    }

    /** A profile erased: its running runs are cancelled and no run keeps what it knew about the person. */
    public int eraseProfile(Connection c, String workspaceId, String profileId, Instant now) throws SQLException {
        int cancelled;
        try (PreparedStatement ps = c.prepareStatement("""
                update runs set status = 'cancelled', completed_at = ?, end_reason = 'profile erased', due_at = null,
                                awaiting_event = null, awaiting_message_id = null
                where workspace_id = ? and profile_id = ? and status = 'running'""")) {
            ps.setObject(1, Database.timestamp(now));
            ps.setString(2, workspaceId);
            ps.setString(3, profileId);
            cancelled = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                update runs set traits = '{}', trigger_properties = '{}' where workspace_id = ? and profile_id = ?""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            ps.executeUpdate();
        }
        deleteMemberships(c, workspaceId, profileId);
        return cancelled;
    }

    public void enterSegment(Connection c, String workspaceId, String profileId, String segmentId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into memberships (workspace_id, profile_id, segment_id, since) values (?, ?, ?, ?) on conflict do nothing")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            ps.setString(3, segmentId);
            ps.setObject(4, Database.timestamp(at));
            ps.executeUpdate();
        }
    }

    public void leaveSegment(Connection c, String workspaceId, String profileId, String segmentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "delete from memberships where workspace_id = ? and profile_id = ? and segment_id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            ps.setString(3, segmentId);
            ps.executeUpdate();
        }
    }

    public Set<String> segmentsOf(Connection c, String workspaceId, String profileId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select segment_id from memberships where workspace_id = ? and profile_id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            Set<String> out = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static void deleteMemberships(Connection c, String workspaceId, String profileId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from memberships where workspace_id = ? and profile_id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
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

    /** A run of the workspace with its timeline: every step it went through, with its send when it sent one. */
    public Optional<RunTimeline> timeline(Connection c, String workspaceId, UUID runId) throws SQLException {
        RunTimeline run;
        try (PreparedStatement ps = c.prepareStatement("""
                select r.id, r.journey_id, j.name, r.journey_version, r.profile_id, r.entry_value, r.status, r.current_step,
                       r.due_at, r.awaiting_event, r.started_at, r.completed_at, r.end_reason, r.converted_at
                from runs r join journeys j on j.id = r.journey_id
                where r.workspace_id = ? and r.id = ?""")) {
            ps.setString(1, workspaceId);
            ps.setObject(2, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                String entry = rs.getString("entry_value");
                run = new RunTimeline(runId.toString(), rs.getString("journey_id"), rs.getString("name"),
                        rs.getInt("journey_version"), rs.getString("profile_id"), entry.isEmpty() ? null : entry,
                        RunStatus.valueOf(rs.getString("status")), rs.getString("current_step"), Database.instant(rs, "due_at"),
                        rs.getString("awaiting_event"), Database.instant(rs, "started_at"),
                        Database.instant(rs, "completed_at"), rs.getString("end_reason"),
                        Database.instant(rs, "converted_at"), new ArrayList<>());
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                select st.step_id, st.type, st.entered_at, st.due_at, st.outcome, st.finished_at,
                       s.channel, s.status as send_status, s.sent_at, s.last_error
                from run_steps st left join sends s on s.idempotency_key = st.run_id::text || ':' || st.step_id
                where st.run_id = ? order by st.seq""")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RunTimeline.Send send = rs.getString("channel") == null ? null : new RunTimeline.Send(
                            MessageEvent.Channel.valueOf(rs.getString("channel")), SendStatus.valueOf(rs.getString("send_status")),
                            Database.instant(rs, "sent_at"), rs.getString("last_error"));
                    run.steps().add(new RunTimeline.StepEntry(rs.getString("step_id"), rs.getString("type"),
                            Database.instant(rs, "entered_at"), Database.instant(rs, "due_at"), rs.getString("outcome"),
                            Database.instant(rs, "finished_at"), send));
                }
            }
        }
        return Optional.of(run);
    }

    private static List<Run> list(PreparedStatement ps) throws SQLException {
        List<Run> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Run(rs.getObject("id", UUID.class), rs.getString("workspace_id"), rs.getString("journey_id"),
                        rs.getInt("journey_version"), rs.getString("profile_id"), rs.getString("entry_value"),
                        RunStatus.valueOf(rs.getString("status")), rs.getString("current_step"), Database.instant(rs, "due_at"),
                        rs.getString("awaiting_event"), rs.getString("awaiting_message_id"), map(rs.getString("traits")),
                        map(rs.getString("trigger_properties")), Database.instant(rs, "started_at"),
                        Database.instant(rs, "converted_at")));
            }
        }
        return out;
    }

    private static Map<String, Object> map(String json) {
        try {
            return json == null ? Map.of() : Json.MAPPER.readValue(json, MAP);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON is not an object", e);
        }
    }
}
