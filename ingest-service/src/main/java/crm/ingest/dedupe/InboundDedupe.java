package crm.ingest.dedupe;

import crm.ingest.ServiceUnavailable;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Publishes each inbound id once, across retries and replicas. The ids are claimed in PostgreSQL and the claim is
 * committed only after the publish succeeded (the broker acked): a failed publish leaves nothing claimed, so the
 * client's retry goes through; a concurrent replica claiming the same id waits on the row lock and then sees it taken.
 */
@ApplicationScoped
public class InboundDedupe {
    private static final Logger LOG = Logger.getLogger(InboundDedupe.class);

    @Inject
    DataSource dataSource;
    @Inject
    InstantSource clock;

    @ConfigProperty(name = "crm.dedupe.retention")
    Duration retention;

    /**
     * Publishes the items whose ids this workspace and source have not seen, and returns them; items already seen (or
     * repeated within {@code items}) are left out.
     *
     * @param source  the id space: "api", "shopify", "woocommerce", "sendgrid", "twilio"
     * @param publish publishes the unseen items and returns only once the broker acked them all, else throws
     */
    public <T> List<T> publishUnseen(String workspaceId, String source, List<T> items, Function<T, String> idOf,
                                     Consumer<List<T>> publish) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Set<String> claimed = claim(c, workspaceId, source, items.stream().map(idOf).distinct().toList());
                List<T> unseen = items.stream().filter(i -> claimed.remove(idOf.apply(i))).toList();
                if (!unseen.isEmpty()) publish.accept(unseen);
                c.commit();
                return unseen;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            LOG.warnf("dedupe store unavailable: %s", e.toString());
            throw ServiceUnavailable.retryLater("the event store is unavailable; nothing was stored, retry later");
        }
    }

    private Set<String> claim(Connection c, String workspaceId, String source, List<String> ids) throws SQLException {
        Set<String> claimed = new HashSet<>();
        if (ids.isEmpty()) return claimed;
        try (PreparedStatement s = c.prepareStatement("""
                insert into inbound_dedupe (workspace_id, source, id, received_at)
                select ?, ?, unnest(?::text[]), ?
                on conflict do nothing
                returning id""")) {
            s.setString(1, workspaceId);
            s.setString(2, source);
            s.setArray(3, c.createArrayOf("text", ids.toArray()));
            s.setTimestamp(4, Timestamp.from(clock.instant()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) claimed.add(rs.getString(1));
            }
        }
        return claimed;
    }

    /** Forgets ids older than the retention; a retry that late is a new event. */
    @Scheduled(every = "${crm.dedupe.prune-every}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("delete from inbound_dedupe where received_at < ?")) {
            s.setTimestamp(1, Timestamp.from(clock.instant().minus(retention)));
            int pruned = s.executeUpdate();
            if (pruned > 0) LOG.debugf("pruned %d inbound ids", pruned);
        } catch (SQLException e) {
            LOG.warnf("pruning inbound ids failed, will retry: %s", e.toString());
        }
    }
}
