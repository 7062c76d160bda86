package crm.ingest.workspace;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

/** The workspaces table. */
@ApplicationScoped
public class WorkspaceRepository {
    @Inject
    DataSource dataSource;

    /** Inserts on the caller's connection, so the caller decides when it commits; the write key goes to write_keys. */
    public void insert(Connection c, Workspace workspace, String writeKeyHash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "insert into workspaces (id, name, created_at) values (?, ?, ?)")) {
            s.setString(1, workspace.id());
            s.setString(2, workspace.name());
            s.setTimestamp(3, Timestamp.from(workspace.createdAt()));
            s.executeUpdate();
        }
        WriteKeyRepository.insert(c, workspace.id(), writeKeyHash, workspace.createdAt());
    }

    public void insert(Workspace workspace, String writeKeyHash) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            insert(c, workspace, writeKeyHash);
        }
    }

    public Optional<Workspace> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select id, name, created_at from workspaces where id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(new Workspace(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant()))
                        : Optional.empty();
            }
        }
    }
}
