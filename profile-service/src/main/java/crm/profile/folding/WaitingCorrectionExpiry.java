package crm.profile.folding;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Corrections (refunds, cancellations, updates) that name only an order not counted yet wait for it in
 * pending_order_events. Most orders follow within seconds; one placed before the store was connected never comes, so
 * its corrections are dropped after {@code crm.profile.orders.waiting-retention}. One statement: replicas running it
 * together delete nothing twice.
 */
@ApplicationScoped
public class WaitingCorrectionExpiry {
    private static final Logger LOG = Logger.getLogger(WaitingCorrectionExpiry.class);

    @Inject
    DataSource dataSource;
    @Inject
    InstantSource clock;
    @Inject
    OrderRepository orders;
    @ConfigProperty(name = "crm.profile.orders.waiting-retention")
    Duration retention;

    @Scheduled(every = "${crm.profile.orders.waiting-prune-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run();
        } catch (SQLException e) {
            LOG.warnf("dropping expired order corrections failed, retried at the next tick: %s", e.toString());
        }
    }

    /** Drops the corrections older than the retention; answers how many. */
    public int run() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int dropped = orders.expireParked(c, clock.instant().minus(retention));
            if (dropped > 0) {
                LOG.infof("dropped %d order corrections whose order did not arrive within %s", dropped, retention);
            }
            return dropped;
        }
    }
}
