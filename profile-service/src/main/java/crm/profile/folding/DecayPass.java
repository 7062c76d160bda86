package crm.profile.folding;

import crm.events.Json;
import crm.events.ProfileChanged;
import crm.profile.ProfileRepository;
import crm.profile.traits.Profile;
import crm.profile.traits.ProfileState;
import crm.profile.traits.ProfileTraits;
import crm.profile.traits.TraitSettingsRepository;
import crm.profile.traits.TraitView;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rolling 30-day values fall as days pass with no event: every {@code crm.profile.decay.every}, the profiles whose
 * {@code decay_at} has come are recomputed at "now", and only those whose traits changed get a new version published.
 * Rows are claimed with SKIP LOCKED, so replicas share the pass and a fold in progress is never waited on.
 */
@ApplicationScoped
public class DecayPass {
    private static final Logger LOG = Logger.getLogger(DecayPass.class);
    static final int BATCH = 200;

    @Inject
    DataSource dataSource;
    @Inject
    InstantSource clock;
    @Inject
    ProfileRepository profiles;
    @Inject
    TraitSettingsRepository settings;
    @Inject
    SnapshotPublisher publisher;
    @Inject
    crm.profile.computed.ComputedTraitRepository computedTraits;

    @Scheduled(every = "${crm.profile.decay.every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() throws SQLException {
        int republished = run();
        if (republished > 0) LOG.infof("decay pass republished %d profiles", republished);
    }

    /** One pass; answers how many profiles changed (and were published). */
    public int run() throws SQLException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int total = 0;
        while (true) {
            List<ProfileChanged> changed = new ArrayList<>();
            int claimed;
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    List<Due> due = new ArrayList<>();
                    try (PreparedStatement s = c.prepareStatement("select id, workspace_id from profiles where decay_at <= ? "
                            + "order by decay_at limit ? for update skip locked")) {
                        s.setObject(1, now.atOffset(ZoneOffset.UTC));
                        s.setInt(2, BATCH);
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                due.add(new Due(rs.getObject(1, UUID.class), rs.getString(2)));
                            }
                        }
                    }
                    claimed = due.size();
                    for (Due d : due) decay(c, d.workspaceId(), d.id(), now).ifPresent(changed::add);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
            changed.forEach(publisher::publish);
            total += changed.size();
            if (claimed < BATCH) return total;
        }
    }

    private java.util.Optional<ProfileChanged> decay(Connection c, String ws, UUID id, Instant now) throws SQLException {
        Profile before = profiles.find(c, ws, id).orElseThrow();
        ProfileState state = profiles.state(c, id);
        Profile recomputed = TraitView.profile(before, state, before.version() + 1, before.lastEventId(), now, settings.of(c, ws),
                computedTraits.active(c, ws));
        Instant next = TraitView.nextDecay(state, now).orElse(null);
        if (sameJson(before.traits(), recomputed.traits())) {
            profiles.update(c, before, state, next);
            return java.util.Optional.empty();
        }
        profiles.update(c, recomputed, state, next);
        return java.util.Optional.of(ProfileTraits.snapshot(recomputed));
    }

    private record Due(UUID id, String workspaceId) {
    }

    /** Traits compared as JSON values, whatever Java types they were read back as. */
    @SuppressWarnings("unchecked")
    public static boolean sameJson(Map<String, Object> a, Map<String, Object> b) {
        return Json.read(Json.write(a), Map.class).equals(Json.read(Json.write(b), Map.class));
    }
}
