package crm.ingest.webhooks;

import crm.ingest.ServiceUnavailable;
import crm.web.ProblemException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook secrets of every workspace, encrypted at rest ({@link SecretCipher}, key {@code crm.secrets.key}). Up
 * to two are active per provider: the current one and, during a rotation, the previous one. Secrets are decrypted
 * only to verify a signature; they are never logged nor returned by any API.
 */
@ApplicationScoped
public class WebhookSecrets {
    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);

    /** What the admin API says about a provider's secrets: never the secrets themselves. */
    public record Status(String provider, int active, Instant updatedAt) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    InstantSource clock;

    private final Optional<SecretCipher> cipher;

    @Inject
    public WebhookSecrets(@ConfigProperty(name = "crm.secrets.key") Optional<String> key) {
        // A key that is set but wrong fails the start: better than storing secrets nobody can read back.
        this.cipher = key.filter(k -> !k.isBlank()).map(SecretCipher::of);
    }

    void checkAtStart(@Observes StartupEvent start) {
        if (cipher.isEmpty()) {
            LOG.warn("crm.secrets.key (CRM_SECRETS_KEY) is not set: webhook secrets cannot be stored, so every "
                    + "webhook call is refused with 401");
        }
    }

    /** The secrets a delivery may be signed with; empty for an unknown workspace or an unconfigured provider. */
    public List<String> active(String workspaceId, WebhookProvider provider) {
        if (cipher.isEmpty()) return List.of();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select current_secret, previous_secret from webhook_secrets where workspace_id = ? and provider = ?")) {
            s.setString(1, workspaceId);
            s.setString(2, provider.name());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) return List.of();
                List<String> secrets = new ArrayList<>(2);
                for (byte[] sealed : new byte[][] {r.getBytes(1), r.getBytes(2)}) {
                    if (sealed == null) continue;
                    try {
                        secrets.add(cipher.get().decrypt(sealed, workspaceId, provider.name()));
                    } catch (IllegalArgumentException e) {
                        LOG.warnf("a %s webhook secret of workspace %s does not decrypt with crm.secrets.key; set it again",
                                provider, workspaceId);
                    }
                }
                return secrets;
            }
        } catch (SQLException e) {
            LOG.warnf("webhook secrets unavailable: %s", e.toString());
            throw ServiceUnavailable.retryLater("the secret store is unavailable; nothing was stored, retry later");
        }
    }

    /**
     * Sets the provider's current secret. With {@code keepPrevious} the secret it replaces stays valid (a rotation:
     * the store may still sign with it for a while); otherwise only the new one is accepted.
     *
     * @return empty when the workspace does not exist
     */
    public Optional<Status> set(String workspaceId, WebhookProvider provider, String secret, boolean keepPrevious) {
        SecretCipher sealer = requireCipher();
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!workspaceExists(c, workspaceId)) {
                    c.rollback();
                    return Optional.empty();
                }
                byte[] previous = null;
                try (PreparedStatement s = c.prepareStatement("select current_secret, previous_secret from webhook_secrets "
                        + "where workspace_id = ? and provider = ? for update")) {
                    s.setString(1, workspaceId);
                    s.setString(2, provider.name());
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next() && keepPrevious) {
                            byte[] current = r.getBytes(1);
                            // Setting the current secret again keeps the rotation as it was.
                            previous = secret.equals(decryptOrNull(sealer, current, workspaceId, provider))
                                    ? r.getBytes(2) : current;
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement("""
                        insert into webhook_secrets (workspace_id, provider, current_secret, previous_secret, updated_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (workspace_id, provider) do update set current_secret = excluded.current_secret,
                            previous_secret = excluded.previous_secret, updated_at = excluded.updated_at""")) {
                    s.setString(1, workspaceId);
                    s.setString(2, provider.name());
                    s.setBytes(3, sealer.encrypt(secret, workspaceId, provider.name()));
                    s.setBytes(4, previous);
                    s.setTimestamp(5, Timestamp.from(now));
                    s.executeUpdate();
                }
                c.commit();
                return Optional.of(new Status(provider.name(), previous == null ? 1 : 2, now));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Retires the previous secret at the end of a rotation; false when there was none. */
    public boolean retirePrevious(String workspaceId, WebhookProvider provider) {
        return update("update webhook_secrets set previous_secret = null, updated_at = ? "
                + "where workspace_id = ? and provider = ? and previous_secret is not null", workspaceId, provider,
                Timestamp.from(clock.instant()));
    }

    /** Removes every secret of the provider: its webhooks are refused from now on. False when there was none. */
    public boolean remove(String workspaceId, WebhookProvider provider) {
        return update("delete from webhook_secrets where workspace_id = ? and provider = ?", workspaceId, provider);
    }

    public List<Status> list(String workspaceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select provider, previous_secret is not null, updated_at "
                     + "from webhook_secrets where workspace_id = ? order by provider")) {
            s.setString(1, workspaceId);
            List<Status> statuses = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    statuses.add(new Status(r.getString(1), r.getBoolean(2) ? 2 : 1, r.getTimestamp(3).toInstant()));
                }
            }
            return statuses;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private boolean update(String sql, String workspaceId, WebhookProvider provider, Timestamp... leading) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (Timestamp t : leading) s.setTimestamp(i++, t);
            s.setString(i++, workspaceId);
            s.setString(i, provider.name());
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static boolean workspaceExists(Connection c, String workspaceId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select 1 from workspaces where id = ?")) {
            s.setString(1, workspaceId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static String decryptOrNull(SecretCipher sealer, byte[] sealed, String workspaceId, WebhookProvider provider) {
        try {
            return sealer.decrypt(sealed, workspaceId, provider.name());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private SecretCipher requireCipher() {
        return cipher.orElseThrow(() -> new ProblemException(Response.Status.SERVICE_UNAVAILABLE,
                "webhook secrets are disabled: the service has no crm.secrets.key (CRM_SECRETS_KEY)", null, Map.of()));
    }

    private static ProblemException unavailable(SQLException e) {
        LOG.warnf("webhook secrets unavailable: %s", e.toString());
        return ServiceUnavailable.retryLater("the secret store is unavailable, retry later");
    }
}
