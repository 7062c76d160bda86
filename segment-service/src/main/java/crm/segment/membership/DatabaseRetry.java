package crm.segment.membership;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/** The retry consumers wrap their database work in: transient failures wait and retry, others propagate. */
public class DatabaseRetry {
    private static final Logger LOG = Logger.getLogger(DatabaseRetry.class);

    @Produces
    @Singleton
    Retry retry(@ConfigProperty(name = "crm.segment.retry.max-backoff") Duration maxBackoff) {
        return new Retry(TransientFailures::isTransient, maxBackoff, Retry::sleep,
                e -> LOG.warnf("database unavailable, retrying: %s", e.getMessage()));
    }
}
