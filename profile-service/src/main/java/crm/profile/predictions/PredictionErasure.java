package crm.profile.predictions;

import crm.profile.privacy.ProfileErasing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** An erased profile leaves no prediction behind: its rows go in the erasure's own transaction. */
@ApplicationScoped
public class PredictionErasure {

    void onErasing(@Observes ProfileErasing erasing) throws SQLException {
        for (String table : new String[] {"prediction_outbox", "profile_predictions"}) {
            try (PreparedStatement s = erasing.connection().prepareStatement(
                    "delete from " + table + " where workspace_id = ? and profile_id = ?")) {
                s.setString(1, erasing.workspaceId());
                s.setObject(2, erasing.profileId());
                s.executeUpdate();
            }
        }
    }
}
