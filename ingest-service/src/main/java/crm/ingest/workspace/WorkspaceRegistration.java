package crm.ingest.workspace;

import crm.events.WorkspaceChanged;
import crm.ingest.ServiceUnavailable;
import crm.ingest.broker.Broker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;

/**
 * Creates a workspace: stores it and announces it on crm.workspaces.v1 in one unit. The row is committed only after
 * the broker acknowledged the announcement, so no workspace exists that the other services never heard of.
 */
@ApplicationScoped
public class WorkspaceRegistration {
    private static final Logger LOG = Logger.getLogger(WorkspaceRegistration.class);
    private final SecureRandom random = new SecureRandom();

    @Inject
    DataSource dataSource;
    @Inject
    WorkspaceRepository workspaces;
    @Inject
    Broker broker;
    @Inject
    ApiTokenIssuer tokens;
    @Inject
    InstantSource clock;

    public WorkspaceCreated register(String name) {
        Instant now = clock.instant();
        Workspace workspace = new Workspace(UUID.randomUUID().toString(), name, now);
        WriteKey writeKey = WriteKey.generate(random);
        // Signed first: a signing misconfiguration must fail before anything is stored or announced.
        String apiToken = tokens.issue(workspace.id());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                workspaces.insert(c, workspace, writeKey.hash());
                broker.publish(new WorkspaceChanged(workspace.id(), workspace.name(), WorkspaceChanged.Kind.CREATED, now));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            LOG.warnf("workspace not stored: %s", e.toString());
            throw ServiceUnavailable.retryLater("the workspace store is unavailable; nothing was created, retry later");
        }
        LOG.infof("workspace %s created", workspace.id());
        return new WorkspaceCreated(workspace.id(), workspace.name(), writeKey.value(), apiToken);
    }
}
