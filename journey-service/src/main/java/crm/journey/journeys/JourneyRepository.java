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

/** The journeys table. Every query names the workspace. */
@ApplicationScoped
public class JourneyRepository {
    private static final String COLUMNS = "id, workspace_id, template_key, name, status, definition::text as definition, version, created_at";

    /** Creates the workspace's journey from the template unless it has one already. */
    public void createFromTemplate(Connection c, String workspaceId, JourneyTemplate template, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into journeys (id, workspace_id, template_key, name, status, definition, version, created_at)
                values (?, ?, ?, ?, 'active', cast(? as jsonb), 1, ?)
                on conflict do nothing""")) {
            ps.setString(1, JourneyTemplates.journeyId(workspaceId, template.key()));
            ps.setString(2, workspaceId);
            ps.setString(3, template.key());
            ps.setString(4, template.name());
            ps.setString(5, Json.write(template.definition()));
            ps.setObject(6, Database.timestamp(now));
            ps.executeUpdate();
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

    public List<Journey> ofWorkspace(Connection c, String workspaceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from journeys where workspace_id = ? order by created_at, id")) {
            ps.setString(1, workspaceId);
            return list(ps);
        }
    }

    public Optional<Journey> find(Connection c, String workspaceId, String journeyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from journeys where workspace_id = ? and id = ?")) {
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
