package crm.profile.folding;

import crm.events.CustomerEvent;
import crm.events.ProfileChanged;
import crm.profile.ProfileRepository;
import crm.profile.identity.Identity;
import crm.profile.identity.IdentityRepository;
import crm.profile.identity.IdentityResolution;
import crm.profile.traits.Profile;
import crm.profile.traits.ProfileFold;
import crm.profile.traits.ProfileTraits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Folds one event into its profile in one transaction: dedupe on the event id, resolve the profile from the event's
 * identities, count the order once, fold, record the event. Answers the snapshot to publish.
 */
@ApplicationScoped
public class EventFolding {
    private static final Logger LOG = Logger.getLogger(EventFolding.class);

    @Inject
    DataSource dataSource;
    @Inject
    InstantSource clock;
    @Inject
    ProfileRepository profiles;
    @Inject
    IdentityRepository identities;
    @Inject
    ProcessedEventRepository processedEvents;
    @Inject
    OrderRepository orders;

    /**
     * The snapshot of the event's profile after the fold; for an event folded before, the profile's current snapshot
     * (publishing it again is harmless). Empty when the event names nobody.
     */
    public Optional<ProfileChanged> fold(CustomerEvent event) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Profile> folded = foldIn(c, event);
                c.commit();
                return folded.map(ProfileTraits::snapshot);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private Optional<Profile> foldIn(Connection c, CustomerEvent event) throws SQLException {
        String ws = event.workspaceId();
        // Postgres keeps microseconds: the snapshot published now must equal the one read back later.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!processedEvents.claim(c, ws, event.id(), now)) {
            Optional<UUID> before = processedEvents.profileOf(c, ws, event.id());
            return before.isEmpty() ? Optional.empty() : profiles.find(c, ws, before.get());
        }

        List<Identity> named = IdentityResolution.identitiesOf(event);
        Optional<UUID> declared = IdentityResolution.declaredProfileId(event);
        Profile profile = declared.isPresent() ? profiles.lock(c, ws, declared.get()).orElse(null) : null;
        if (profile == null && named.isEmpty()) {
            LOG.debugf("event %s of workspace %s names no customer; recorded, not folded", event.id(), ws);
            return Optional.empty();
        }

        Map<Identity, UUID> known = identities.known(c, ws, named);
        if (profile == null) {
            Optional<UUID> chosen = IdentityResolution.choose(named, known);
            if (chosen.isPresent()) profile = profiles.lock(c, ws, chosen.get()).orElse(null);
        }
        if (profile == null) {
            profile = Profile.empty(UUID.randomUUID().toString(), ws, now);
            profiles.insert(c, profile);
        }
        UUID profileId = UUID.fromString(profile.id());
        identities.attach(c, ws, profileId, IdentityResolution.unknown(named, known), now);

        boolean orderAlreadyCounted = false;
        Optional<String> orderId = ProfileFold.orderId(event);
        if (orderId.isPresent()) orderAlreadyCounted = !orders.count(c, ws, orderId.get(), profileId, event.id(), now);

        Profile after = ProfileFold.fold(profile, event, orderAlreadyCounted, now);
        profiles.update(c, after);
        processedEvents.foldedInto(c, ws, event.id(), profileId);
        return Optional.of(after);
    }
}
