package crm.profile.predictions;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Refits every workspace with orders on a schedule ({@code crm.profile.predictions.every}). Every replica ticks; a
 * workspace fitted less than half a period ago is skipped and the advisory lock keeps two refits of one workspace
 * apart, so replicas do not repeat each other's work.
 */
@ApplicationScoped
public class RefitSchedule {
    private static final Logger LOG = Logger.getLogger(RefitSchedule.class);

    @Inject
    DataSource dataSource;
    @Inject
    InstantSource clock;
    @Inject
    CustomerOrdersRepository orders;
    @Inject
    PredictionRepository predictions;
    @Inject
    PredictionRefit refit;
    @ConfigProperty(name = "crm.profile.predictions.every", defaultValue = "24h")
    String every;

    @Scheduled(every = "${crm.profile.predictions.every:24h}", delayed = "${crm.profile.predictions.first-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "crm.profile.predictions.refit")
    void tick() {
        try {
            refitDueWorkspaces();
        } catch (SQLException e) {
            LOG.warnf("the scheduled refit of predictions failed, retried at the next tick: %s", e.toString());
        }
    }

    /** Refits the workspaces whose model is missing or older than half a period; answers those refitted. */
    public List<String> refitDueWorkspaces() throws SQLException {
        Instant dueBefore = clock.instant().minus(period().dividedBy(2));
        List<String> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (String ws : orders.workspacesWithOrders(c)) {
                var model = predictions.model(c, ws);
                if (model.isEmpty() || model.get().fittedAt().isBefore(dueBefore)) due.add(ws);
            }
        }
        List<String> refitted = new ArrayList<>();
        for (String ws : due) {
            try {
                refit.refit(ws);
                refitted.add(ws);
            } catch (NotEnoughCustomers e) {
                LOG.debugf("workspace %s not refitted: %s", ws, e.getMessage());
            } catch (PredictionRefit.AlreadyRunning e) {
                LOG.debugf("workspace %s skipped: %s", ws, e.getMessage());
            } catch (SQLException | RuntimeException e) {
                // One workspace failing must not starve the others.
                LOG.warnf("refitting predictions of workspace %s failed: %s", ws, e.toString());
            }
        }
        return refitted;
    }

    /** The period as a duration: "24h", "30m" (Quarkus's short form) or ISO-8601 "PT24H"; "off" refits on demand only. */
    Duration period() {
        String v = every.trim().toUpperCase(Locale.ROOT);
        if (v.equals("OFF") || v.equals("DISABLED")) return Duration.ZERO;
        if (v.startsWith("P")) return Duration.parse(v);
        if (v.endsWith("D")) return Duration.parse("P" + v);
        return Duration.parse("PT" + v);
    }
}
