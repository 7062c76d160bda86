package crm.journey.workspaces;

import crm.journey.journeys.JourneyRepository;
import crm.journey.journeys.JourneyTemplate;
import crm.journey.journeys.JourneyTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/** Prepares a workspace the first time the service hears of it: its template journeys, once. */
@ApplicationScoped
public class Workspaces {
    @Inject
    JourneyRepository journeys;

    /** Idempotent: returns whether this call prepared it (false when it was prepared before). */
    public boolean prepare(Connection c, String workspaceId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into workspaces (workspace_id, prepared_at) values (?, ?) on conflict do nothing")) {
            ps.setString(1, workspaceId);
            ps.setObject(2, crm.journey.runtime.Database.timestamp(now));
            if (ps.executeUpdate() == 0) return false;
        }
        for (JourneyTemplate template : JourneyTemplates.forWorkspace(workspaceId)) {
            journeys.createFromTemplate(c, workspaceId, template, now);
        }
        return true;
    }
}
