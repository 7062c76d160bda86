package crm.journey.journeys;

import crm.events.Json;
import crm.journey.definition.JourneyDefinition;
import crm.journey.runtime.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The journeys and journey_versions tables. Every query names the workspace, except reading a stored version by
 * journey id (runs carry their journey id, which is already scoped). Every definition written is kept as a version.
 */
@ApplicationScoped
public class JourneyRepository {
    private static final String COLUMNS = "id, workspace_id, template_key, name, status, definition::text as definition, version, created_at";

    /** Creates the workspace's journey from the template unless it has one already (then nothing changes). */
    public void createFromTemplate(Connection c, String workspaceId, JourneyTemplate template, Instant now) throws SQLException {
        createFromTemplate(c, workspaceId, template, JourneyStatus.active, now);
    }

    /** Returns whether it was created. */
    public boolean createFromTemplate(Connection c, String workspaceId, JourneyTemplate template, JourneyStatus status,
                                      Instant now) throws SQLException {
        return insert(c, new Journey(JourneyTemplates.journeyId(workspaceId, template.key()), workspaceId, template.key(),
                template.name(), status, template.definition(), 1, now));
    }

    /** Inserts a journey with its first version; false when one with its id or template already exists. */
    public boolean insert(Connection c, Journey j) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into journeys (id, workspace_id, template_key, name, status, definition, version, created_at, updated_at)
                values (?, ?, ?, ?, ?, cast(? as jsonb), 1, ?, ?)
                on conflict do nothing""")) {
            ps.setString(1, j.id());
            ps.setString(2, j.workspaceId());
            ps.setString(3, j.templateKey());
            ps.setString(4, j.name());
            ps.setString(5, j.status().name());
            ps.setString(6, Json.write(j.definition()));
            ps.setObject(7, Database.timestamp(j.createdAt()));
            ps.setObject(8, Database.timestamp(j.createdAt()));
            if (ps.executeUpdate() == 0) return false;
        }
        insertVersion(c, j.id(), 1, j.definition(), j.createdAt());
        return true;
    }

    /** A new version of the definition (and the name); runs already started stay on theirs. Returns the new version. */
    public int update(Connection c, Journey current, String name, JourneyDefinition definition, Instant now) throws SQLException {
        int version = current.version() + 1;
        try (PreparedStatement ps = c.prepareStatement("""
                update journeys set name = ?, definition = cast(? as jsonb), version = ?, updated_at = ?
                where workspace_id = ? and id = ?""")) {
            ps.setString(1, name);
            ps.setString(2, Json.write(definition));
            ps.setInt(3, version);
            ps.setObject(4, Database.timestamp(now));
            ps.setString(5, current.workspaceId());
            ps.setString(6, current.id());
            ps.executeUpdate();
        }
        insertVersion(c, current.id(), version, definition, now);
        return version;
    }

    public void setStatus(Connection c, String workspaceId, String journeyId, JourneyStatus status, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update journeys set status = ?, updated_at = ? where workspace_id = ? and id = ?")) {
            ps.setString(1, status.name());
            ps.setObject(2, Database.timestamp(now));
            ps.setString(3, workspaceId);
            ps.setString(4, journeyId);
            ps.executeUpdate();
        }
    }

    private static void insertVersion(Connection c, String journeyId, int version, JourneyDefinition d, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into journey_versions (journey_id, version, definition, created_at) values (?, ?, cast(? as jsonb), ?)
                on conflict do nothing""")) {
            ps.setString(1, journeyId);
            ps.setInt(2, version);
            ps.setString(3, Json.write(d));
            ps.setObject(4, Database.timestamp(now));
            ps.executeUpdate();
        }
    }

    /** The definition a run started on. */
    public Optional<JourneyDefinition> version(Connection c, String journeyId, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select definition::text from journey_versions where journey_id = ? and version = ?")) {
            ps.setString(1, journeyId);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Json.read(rs.getString(1), JourneyDefinition.class)) : Optional.empty();
            }
        }
    }

    /** The active journeys of the workspace that entering the segment triggers. */
    public List<Journey> activeTriggeredBy(Connection c, String workspaceId, String segmentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from journeys where workspace_id = ? and trigger_segment_id = ? and status = 'active' order by created_at, id")) {
            ps.setString(1, workspaceId);
            ps.setString(2, segmentId);
            return list(ps);
        }
    }

    /** The active journeys of the workspace that an event with this name triggers (before their property filter). */
    public List<Journey> activeTriggeredByEvent(Connection c, String workspaceId, String eventName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from journeys where workspace_id = ? and trigger_event = ? and status = 'active' order by created_at, id")) {
            ps.setString(1, workspaceId);
            ps.setString(2, eventName);
            return list(ps);
        }
    }

    /** The workspace's journeys, archived ones left out. */
    public List<Journey> ofWorkspace(Connection c, String workspaceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from journeys where workspace_id = ? and status <> 'archived' order by created_at, id")) {
            ps.setString(1, workspaceId);
            return list(ps);
        }
    }

    /** A journey of the workspace, archived ones included. */
    public Optional<Journey> find(Connection c, String workspaceId, String journeyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from journeys where workspace_id = ? and id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, journeyId);
            return list(ps).stream().findFirst();
        }
    }

    /** Locks the journey's row for a change (status, new version), so concurrent changes apply one after the other. */
    public Optional<Journey> findForUpdate(Connection c, String workspaceId, String journeyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from journeys where workspace_id = ? and id = ? for update")) {
            ps.setString(1, workspaceId);
            ps.setString(2, journeyId);
            return list(ps).stream().findFirst();
        }
    }

    private static List<Journey> list(PreparedStatement ps) throws SQLException {
        List<Journey> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Journey(rs.getString("id"), rs.getString("workspace_id"), rs.getString("template_key"),
                        rs.getString("name"), JourneyStatus.valueOf(rs.getString("status")),
                        Json.read(rs.getString("definition"), JourneyDefinition.class), rs.getInt("version"),
                        Database.instant(rs, "created_at")));
            }
        }
        return out;
    }
}
