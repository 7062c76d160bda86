package crm.profile.traits;

import crm.events.Json;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/** The trait_settings table: each workspace's settings of computed traits, the defaults until it sets its own. */
@ApplicationScoped
public class TraitSettingsRepository {

    public TraitSettings of(Connection c, String workspaceId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select settings::text from trait_settings where workspace_id = ?")) {
            s.setString(1, workspaceId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Json.read(rs.getString(1), TraitSettings.class) : TraitSettings.DEFAULT;
            }
        }
    }

    public void save(Connection c, String workspaceId, TraitSettings settings, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into trait_settings (workspace_id, settings, updated_at) values (?, ?::jsonb, ?) "
                + "on conflict (workspace_id) do update set settings = excluded.settings, updated_at = excluded.updated_at")) {
            s.setString(1, workspaceId);
            s.setString(2, Json.write(settings));
            s.setObject(3, now.atOffset(ZoneOffset.UTC));
            s.executeUpdate();
        }
    }
}
