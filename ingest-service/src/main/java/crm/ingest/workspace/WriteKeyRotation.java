package crm.ingest.workspace;

import crm.ingest.ServiceUnavailable;
import crm.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Issues a new write key for a workspace. The keys it replaces keep working for crm.write-key.rotation-grace, so a
 * store can roll the new key out to its servers and SDKs before the old one is refused.
 */
@ApplicationScoped
public class WriteKeyRotation {
    private static final Logger LOG = Logger.getLogger(WriteKeyRotation.class);
    private final SecureRandom random = new SecureRandom();

    @Inject
    WriteKeyRepository keys;
    @Inject
    InstantSource clock;
    @Inject
    Event<WriteKeysRotated> rotated;
    @ConfigProperty(name = "crm.write-key.rotation-grace")
    Duration grace;

    public WriteKeyIssued rotate(String workspaceId) {
        Instant now = clock.instant();
        Instant graceEnd = now.plus(grace);
        WriteKey key = WriteKey.generate(random);
        boolean found;
        try {
            found = keys.rotate(workspaceId, key.hash(), now, graceEnd);
        } catch (SQLException e) {
            LOG.warnf("write key not rotated: %s", e.toString());
            throw ServiceUnavailable.retryLater("the workspace store is unavailable; nothing was changed, retry later");
        }
        if (!found) throw ProblemException.notFound("no workspace " + workspaceId);
        rotated.fire(new WriteKeysRotated(workspaceId));
        LOG.infof("write key of workspace %s rotated; previous keys valid until %s", workspaceId, graceEnd);
        return new WriteKeyIssued(workspaceId, key.value(), graceEnd);
    }
}
