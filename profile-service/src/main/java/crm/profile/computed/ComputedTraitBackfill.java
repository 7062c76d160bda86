package crm.profile.computed;

import crm.profile.ProfileRepository;
import crm.profile.folding.DecayPass;
import crm.profile.folding.TimelineRepository;
import crm.profile.predictions.PredictionRefit;
import crm.profile.predictions.PredictionRepository;
import crm.profile.traits.Profile;
import crm.profile.traits.ProfileState;
import crm.profile.traits.TraitFold;
import crm.profile.traits.TraitSettings;
import crm.profile.traits.TraitSettingsRepository;
import crm.profile.traits.TraitView;
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
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Recomputes a workspace's profiles from their stored timelines after its computed traits were defined, edited or
 * deleted, in the background: the API only queues the work (durably, {@code backfill_status} of the definitions), and
 * every {@code crm.profile.computed-traits.backfill-every} this pass runs what is queued. Profiles are replayed in
 * small chunks, each its own transaction; those whose traits changed get a new version, queued in the profile outbox
 * in the same transaction and published after it, so a crash republishes rather than loses them. One backfill per
 * workspace runs at a time across replicas (advisory lock); one interrupted by a crash runs again.
 */
@ApplicationScoped
public class ComputedTraitBackfill {
    private static final Logger LOG = Logger.getLogger(ComputedTraitBackfill.class);
    private static final int LOCK_SPACE = 0x4354_4246; // "CTBF"
    static final int CHUNK = 200;

    @Inject
    DataSource dataSource;
    @Inject
    InstantSource clock;
    @Inject
    ComputedTraitRepository definitions;
    @Inject
    ProfileRepository profiles;
    @Inject
    TimelineRepository timeline;
    @Inject
    TraitSettingsRepository settings;
    @Inject
    PredictionRepository outbox;
    @Inject
    PredictionRefit publisher;
    @ConfigProperty(name = "crm.profile.phone.default-region", defaultValue = "US")
    String phoneRegion;

    @Scheduled(every = "${crm.profile.computed-traits.backfill-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        List<String> workspaces;
        try (Connection c = dataSource.getConnection()) {
            workspaces = definitions.workspacesToBackfill(c);
        } catch (SQLException e) {
            LOG.warnf("computed trait backfill: cannot read the queue: %s", e.toString());
            return;
        }
        for (String ws : workspaces) {
            try {
                run(ws);
            } catch (Exception e) {
                LOG.warnf(e, "computed trait backfill of workspace %s failed; retried at the next pass", ws);
                try (Connection c = dataSource.getConnection()) {
                    definitions.failed(c, ws, e.toString());
                } catch (SQLException ignored) {
                    // The definitions stay "running": the next pass picks them up all the same.
                }
            }
        }
    }

    /** Runs the workspace's queued backfill now; false when another one of it is running. */
    public boolean run(String ws) throws SQLException {
        try (Connection lock = dataSource.getConnection()) {
            if (!advisoryLock(lock, ws, "pg_try_advisory_lock")) return false;
            try {
                backfill(ws);
                return true;
            } finally {
                advisoryLock(lock, ws, "pg_advisory_unlock");
            }
        }
    }

    private void backfill(String ws) throws SQLException {
        Instant now = now();
        Map<UUID, Integer> ran;
        List<ComputedTrait> active;
        TraitSettings workspaceSettings;
        try (Connection c = dataSource.getConnection()) {
            ran = definitions.start(c, ws, now);
            active = definitions.active(c, ws);
            workspaceSettings = settings.of(c, ws);
        }
        if (ran.isEmpty()) return;
        // Anything a crash left unpublished goes first.
        publisher.publishQueued(ws);
        TraitFold.Rules rules = new TraitFold.Rules(workspaceSettings, phoneRegion, active);
        String cause = "computed-traits:" + ws + ":" + now;
        int seen = 0;
        int changed = 0;
        UUID after = null;
        while (true) {
            int chunkChanged = 0;
            List<UUID> chunk;
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    chunk = nextProfiles(c, ws, after);
                    List<UUID> republish = new ArrayList<>();
                    for (UUID id : chunk) {
                        if (recompute(c, ws, id, rules, cause, now())) republish.add(id);
                    }
                    outbox.queue(c, ws, republish, now);
                    c.commit();
                    chunkChanged = republish.size();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
            if (chunkChanged > 0) publisher.publishQueued(ws);
            seen += chunk.size();
            changed += chunkChanged;
            if (chunk.size() < CHUNK) break;
            after = chunk.get(chunk.size() - 1);
        }
        try (Connection c = dataSource.getConnection()) {
            definitions.finish(c, ws, ran, seen, changed, now());
        }
        LOG.infof("computed trait backfill of workspace %s: %d profiles replayed, %d changed", ws, seen, changed);
    }

    /** Replays the profile's timeline with the workspace's definitions; true when its published traits changed. */
    private boolean recompute(Connection c, String ws, UUID id, TraitFold.Rules rules, String cause, Instant now) throws SQLException {
        Profile before = profiles.lock(c, ws, id).orElse(null);
        if (before == null) return false; // merged away or erased since the chunk was read
        ProfileState state = TraitFold.replay(timeline.of(c, id), rules);
        Profile recomputed = TraitView.profile(before, state, before.version() + 1, cause, now, rules.settings(), rules.computed());
        Instant decayAt = TraitView.nextDecay(state, now).orElse(null);
        if (DecayPass.sameJson(before.traits(), recomputed.traits())) {
            // Same traits: keep the version, but store the fresh state so the next event folds incrementally.
            profiles.update(c, before, state, decayAt);
            return false;
        }
        profiles.update(c, recomputed, state, decayAt);
        return true;
    }

    private static List<UUID> nextProfiles(Connection c, String ws, UUID after) throws SQLException {
        List<UUID> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select id from profiles where workspace_id = ?"
                + (after == null ? "" : " and id > ?") + " order by id limit " + CHUNK)) {
            s.setString(1, ws);
            if (after != null) s.setObject(2, after);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(rs.getObject(1, UUID.class));
            }
        }
        return out;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static boolean advisoryLock(Connection c, String ws, String function) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + function + "(?, hashtext(?))")) {
            s.setInt(1, LOCK_SPACE);
            s.setString(2, ws);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
