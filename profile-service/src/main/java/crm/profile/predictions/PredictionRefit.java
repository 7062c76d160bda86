package crm.profile.predictions;

import crm.events.ProfileChanged;
import crm.profile.ProfileRepository;
import crm.profile.folding.SnapshotPublisher;
import crm.profile.traits.ProfileTraits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Refits one workspace: reads every profile's orders, fits BG/NBD, predicts for every customer, stores the
 * predictions, and for the profiles whose published values changed bumps their version and republishes their snapshot
 * (through a small outbox, so a crash between commit and publish republishes on the next refit).
 */
@ApplicationScoped
public class PredictionRefit {
    private static final Logger LOG = Logger.getLogger(PredictionRefit.class);
    /** First key of the PostgreSQL advisory lock that lets one refit per workspace run at a time, across replicas. */
    private static final int LOCK_SPACE = 0x5052_4544; // "PRED"
    private static final int CHUNK = 500;
    /** Snapshots sent together, then taken out of the outbox: a crash sends at most this many again. */
    private static final int PUBLISH_BATCH = 100;

    @Inject
    DataSource dataSource;
    @Inject
    InstantSource clock;
    @Inject
    CustomerOrdersRepository orders;
    @Inject
    PredictionRepository predictions;
    @Inject
    ProfileRepository profiles;
    @Inject
    SnapshotPublisher publisher;
    @ConfigProperty(name = "crm.profile.predictions.min-customers", defaultValue = "10")
    int minCustomers;

    /** What a refit did. */
    public record Outcome(PredictionRepository.Model model, int predicted, int changed, int published) {
    }

    /** Another refit of the workspace is running (on this or another replica). */
    public static class AlreadyRunning extends Exception {
        public AlreadyRunning(String workspaceId) {
            super("a refit of workspace " + workspaceId + " is already running");
        }
    }

    public Outcome refit(String workspaceId) throws SQLException, NotEnoughCustomers, AlreadyRunning {
        try (Connection lock = dataSource.getConnection()) {
            if (!tryLock(lock, workspaceId)) throw new AlreadyRunning(workspaceId);
            try {
                return refitLocked(workspaceId);
            } finally {
                unlock(lock, workspaceId);
            }
        }
    }

    private Outcome refitLocked(String ws) throws SQLException, NotEnoughCustomers {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<CustomerOrders> customers;
        Map<String, Prediction> before;
        try (Connection c = dataSource.getConnection()) {
            customers = orders.ofWorkspace(c, ws);
            before = predictions.ofWorkspace(c, ws);
        }
        // Only orders placed by now: a clock moved back (or a future-dated order) must not feed the model.
        List<PurchaseHistory> histories = new ArrayList<>();
        Map<String, CustomerOrders> byProfile = new LinkedHashMap<>();
        for (CustomerOrders co : customers) {
            Optional<PurchaseHistory> h = PurchaseHistory.of(co.purchaseDays(), LocalDate.ofInstant(now, ZoneOffset.UTC), 1);
            if (h.isEmpty()) continue;
            histories.add(h.get());
            byProfile.put(co.profileId(), co);
        }
        if (histories.size() < minCustomers) throw new NotEnoughCustomers(histories.size(), minCustomers);

        BgNbdFit.Result fit = BgNbdFit.fit(histories);
        PredictionRepository.Model model = new PredictionRepository.Model(ws, now, fit.customers(), fit.model(), fit.logLikelihood());
        Map<String, Prediction> after = new LinkedHashMap<>();
        byProfile.forEach((id, co) -> Prediction.of(fit.model(), co, now).ifPresent(p -> after.put(id, p)));

        Set<String> changed = new HashSet<>();
        after.forEach((id, p) -> {
            if (p.differsVisiblyFrom(before.get(id))) changed.add(id);
        });
        List<UUID> gone = new ArrayList<>();
        for (String id : before.keySet()) {
            if (!after.containsKey(id)) {
                gone.add(UUID.fromString(id));
                changed.add(id);
            }
        }

        String cause = "predictions:" + ws + ":" + now;
        List<Prediction> all = new ArrayList<>(after.values());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (int from = 0; from < all.size(); from += CHUNK) {
                    List<Prediction> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
                    predictions.save(c, ws, chunk, now);
                    Map<UUID, Map<String, Object>> published = new LinkedHashMap<>();
                    for (Prediction p : chunk) {
                        if (changed.contains(p.profileId())) published.put(UUID.fromString(p.profileId()), p.traits());
                    }
                    predictions.publishTraits(c, ws, published, cause, now);
                    // Commit per chunk: a large workspace never holds many profile locks against the fold for long.
                    c.commit();
                }
                predictions.delete(c, ws, gone);
                Map<UUID, Map<String, Object>> removed = new LinkedHashMap<>();
                for (UUID id : gone) removed.put(id, Map.of());
                predictions.publishTraits(c, ws, removed, cause, now);
                predictions.saveModel(c, model);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        int published = publishQueued(ws);
        LOG.infof("refitted predictions of workspace %s: %d customers, r=%.4f alpha=%.4f a=%.4f b=%.4f, %d changed",
                ws, fit.customers(), fit.model().r(), fit.model().alpha(), fit.model().a(), fit.model().b(), changed.size());
        return new Outcome(model, after.size(), changed.size(), published);
    }

    /**
     * Publishes the queued snapshots of the workspace, {@value #PUBLISH_BATCH} in flight at a time, and forgets each
     * batch once the broker acked all of it; answers how many were published.
     */
    public int publishQueued(String ws) throws SQLException {
        int published = 0;
        try (Connection c = dataSource.getConnection()) {
            List<UUID> queued = predictions.queued(c, ws);
            for (int from = 0; from < queued.size(); from += PUBLISH_BATCH) {
                List<UUID> batch = queued.subList(from, Math.min(queued.size(), from + PUBLISH_BATCH));
                List<ProfileChanged> snapshots = new ArrayList<>();
                for (UUID id : batch) currentSnapshot(c, ws, id).ifPresent(snapshots::add);
                publisher.publishAll(snapshots);
                published += snapshots.size();
                predictions.published(c, ws, batch);
            }
        }
        return published;
    }

    /** The profile's snapshot as the fold would publish it now (its traits hold the predictions). */
    private Optional<ProfileChanged> currentSnapshot(Connection c, String ws, UUID id) throws SQLException {
        return profiles.find(c, ws, id).map(ProfileTraits::snapshot);
    }

    private static boolean tryLock(Connection c, String ws) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_lock(?, hashtext(?))")) {
            s.setInt(1, LOCK_SPACE);
            s.setString(2, ws);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c, String ws) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_advisory_unlock(?, hashtext(?))")) {
            s.setInt(1, LOCK_SPACE);
            s.setString(2, ws);
            s.executeQuery().close();
        }
    }
}
