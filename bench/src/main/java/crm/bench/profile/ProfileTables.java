package crm.bench.profile;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the fold benchmark assumes of profile-service's tables (V1__profiles.sql), in one place: every event folded is
 * a row of {@code processed_events}, written in the fold's own transaction, so the count of a workspace's rows is the
 * number of its events the database reflects. Ids are counted by prefix: the workspace also receives the events of
 * its own journeys' messages.
 */
final class ProfileTables {
    private ProfileTables() {
    }

    static long eventsFolded(Connection c, String workspaceId, String idPrefix) throws SQLException {
        return SuiteDatabase.number(c, "select count(*) from processed_events where workspace_id = ? and event_id like ?",
                workspaceId, idPrefix + "%");
    }
}
