package crm.profile.folding;

import crm.events.CustomerEvent;
import crm.events.EventNames;
import crm.events.ProfileErased;
import crm.events.ProfileMerged;
import crm.events.ProfileMessage;
import crm.profile.ProfileRepository;
import crm.profile.computed.ComputedTrait;
import crm.profile.computed.ComputedTraitFold;
import crm.profile.computed.ComputedTraitRepository;
import crm.profile.predictions.CustomerOrders;
import crm.profile.predictions.FoldPredictions;
import crm.profile.privacy.DataRequests;
import crm.profile.identity.Identity;
import crm.profile.identity.IdentityRepository;
import crm.profile.identity.IdentityResolution;
import crm.profile.identity.MergeRepository;
import crm.profile.privacy.ProfileErasure;
import crm.profile.traits.Profile;
import crm.profile.traits.ProfileState;
import crm.profile.traits.ProfileTraits;
import crm.profile.traits.TimelineEvent;
import crm.profile.traits.TraitFold;
import crm.profile.traits.TraitSettings;
import crm.profile.traits.TraitSettingsRepository;
import crm.profile.traits.TraitView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Folds events into their profiles, a batch of them in one transaction: for each, dedupe on the event id, resolve the
 * profiles its identities name, merge them into the oldest when there are several, add the event to the survivor's
 * timeline and fold it (incrementally when it is the latest event, else by replaying the timeline); then publish what
 * changed. The common events of a batch are folded together, set-based ({@link FoldBatch}), the others one by one
 * ({@link #foldIn}), with the same result as folding every event one by one.
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
    MergeRepository merges;
    @Inject
    ProcessedEventRepository processedEvents;
    @Inject
    OrderRepository orders;
    @Inject
    TimelineRepository timeline;
    @Inject
    TraitSettingsRepository settings;
    @Inject
    ProfileErasure erasure;
    @Inject
    SnapshotPublisher publisher;
    @Inject
    ComputedTraitRepository computedTraits;
    @Inject
    DataRequests dataRequests;
    @Inject
    FoldPredictions predictions;
    /** The event ingest publishes for Shopify shop/redact (crm.ingest.webhooks.WebhookEventNames). */
    static final String WORKSPACE_ERASE_REQUESTED = "Workspace Erase Requested";
    /** Phone numbers without a country code are read as numbers of this region (ISO 3166 code). */
    @ConfigProperty(name = "crm.profile.phone.default-region", defaultValue = "US")
    String phoneRegion;

    /** One event: a batch of one (the preference-centre API folds its consent changes this way). */
    public void process(CustomerEvent event) throws SQLException {
        process(List.of(event));
    }

    /**
     * Folds the events in order and publishes their messages once the broker has them. Consecutive events are folded
     * in ONE transaction; after its commit the batch's merges and, per profile, its last snapshot are sent together
     * and their acks awaited together. An event folded before publishes the profile's current snapshot and the merges
     * it caused again (harmless: consumers dedupe on versions), so a publish that failed after the commit is made good
     * by the redelivery. An erase request is folded on its own: it publishes ProfileErased before it commits, so a
     * failed publish leaves the profile to erase again. A failure rolls back the transaction it happened in and is
     * thrown; transactions committed before it stay (their events are found processed when the batch is retried).
     */
    public void process(List<CustomerEvent> events) throws SQLException {
        process(events, true);
    }

    /**
     * Every event folded on its own by {@link #foldIn}, as before batches were folded set-based: the reference
     * {@code FoldInBatchesTest} holds the set-based fold to.
     */
    void processOneByOne(List<CustomerEvent> events) throws SQLException {
        process(events, false);
    }

    private void process(List<CustomerEvent> events, boolean setBased) throws SQLException {
        List<CustomerEvent> together = new ArrayList<>();
        for (CustomerEvent event : events) {
            if (event.isTrack(EventNames.PROFILE_ERASE_REQUESTED) || event.isTrack(WORKSPACE_ERASE_REQUESTED)) {
                foldTogether(together, setBased);
                together.clear();
                erase(event);
            } else {
                together.add(event);
            }
        }
        foldTogether(together, setBased);
    }

    private void foldTogether(List<CustomerEvent> events, boolean setBased) throws SQLException {
        if (events.isEmpty()) return;
        List<ProfileMessage> folded = new ArrayList<>();
        List<UUID> exportsRequested = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                FoldBatch batch = new FoldBatch(this, c, events);
                // Every event claimed at once; the second of two with the same id is found processed, as one by one.
                Set<ProcessedEventRepository.Key> claimed = processedEvents.claimAll(c, events.stream()
                        .map(e -> new ProcessedEventRepository.Key(e.workspaceId(), e.id())).distinct().toList(), now());
                for (int i = 0; i < events.size(); i++) {
                    CustomerEvent event = events.get(i);
                    Instant now = now();
                    if (!claimed.remove(new ProcessedEventRepository.Key(event.workspaceId(), event.id()))) {
                        batch.flush();
                        folded.addAll(again(c, event));
                    } else if (event.isTrack(EventNames.PROFILE_EXPORT_REQUESTED)) {
                        // A GDPR access request is recorded (durably, pending), never folded: it must not create a profile.
                        exportsRequested.add(dataRequests.record(c, event, now));
                    } else if (setBased && batch.foldable(i, now)) {
                        folded.add(batch.fold(i, now));
                    } else {
                        batch.flush();
                        List<ProfileMessage> out = foldIn(c, event, now);
                        batch.forget(i, out);
                        folded.addAll(out);
                    }
                }
                batch.flush();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        publisher.publishAll(BatchPublication.latestSnapshots(folded));
        // The export document is built after the request is safely recorded; a failure leaves it to the sweep.
        exportsRequested.forEach(dataRequests::completeQuietly);
    }

    private void erase(CustomerEvent event) throws SQLException {
        List<ProfileMessage> again = List.of();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Instant now = now();
                if (!processedEvents.claim(c, event.workspaceId(), event.id(), now)) {
                    again = again(c, event);
                } else if (event.isTrack(EventNames.PROFILE_ERASE_REQUESTED)) {
                    publisher.publishAll(eraseNamed(c, event, now));
                } else {
                    publisher.publishAll(eraseWorkspace(c, event, now));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        publisher.publishAll(again);
    }

    private Instant now() {
        // Postgres keeps microseconds: the snapshot published now must equal the one read back later.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private List<ProfileMessage> again(Connection c, CustomerEvent event) throws SQLException {
        String ws = event.workspaceId();
        List<ProfileMessage> out = new ArrayList<>();
        for (MergeRepository.Merge m : merges.causedBy(c, ws, event.id())) {
            out.add(new ProfileMerged(ws, m.survivorId().toString(), m.mergedId().toString(), m.at()));
        }
        Optional<UUID> before = timeline.profileOf(c, ws, event.id());
        if (before.isPresent()) {
            profiles.find(c, ws, merges.current(c, ws, before.get())).map(ProfileTraits::snapshot).ifPresent(out::add);
        }
        return out;
    }

    private List<ProfileMessage> foldIn(Connection c, CustomerEvent event, Instant now) throws SQLException {
        String ws = event.workspaceId();
        List<Identity> named = IdentityResolution.identitiesOf(event, phoneRegion);
        Map<Identity, UUID> known = identities.known(c, ws, named);
        LinkedHashSet<UUID> ids = new LinkedHashSet<>();
        Optional<UUID> declared = IdentityResolution.declaredProfileId(event);
        if (declared.isPresent()) ids.add(merges.current(c, ws, declared.get()));
        ids.addAll(IdentityResolution.profilesNamed(named, known));

        // Locked in id order, so two folds that merge the same profiles never deadlock.
        List<Profile> found = new ArrayList<>();
        for (UUID id : ids.stream().sorted().toList()) profiles.lock(c, ws, id).ifPresent(found::add);
        TimelineEvent timed = TimelineEvent.of(event, now);
        if (found.isEmpty() && named.isEmpty()) {
            // Refunds and cancellations (Shopify refunds/create, orders/delete) name only the order: its customer is
            // the profile the order was counted for; one whose order is not known yet waits for it.
            Optional<String> orderId = linkedOrderId(event);
            if (orderId.isPresent()) {
                Optional<UUID> owner = orders.profileOf(c, ws, orderId.get());
                if (owner.isPresent()) {
                    profiles.lock(c, ws, merges.current(c, ws, owner.get())).ifPresent(found::add);
                } else if (waitsForItsOrder(event)) {
                    orders.park(c, ws, orderId.get(), timed, now);
                    LOG.debugf("event %s of workspace %s waits for order %s", event.id(), ws, orderId.get());
                    return List.of();
                }
            }
            if (found.isEmpty()) {
                LOG.debugf("event %s of workspace %s names no customer; recorded, not folded", event.id(), ws);
                return List.of();
            }
        }
        if (found.isEmpty()) {
            Profile fresh = Profile.empty(UUID.randomUUID().toString(), ws, now);
            profiles.insert(c, fresh);
            found.add(fresh);
        }
        IdentityResolution.Candidate kept = IdentityResolution.survivor(found.stream()
                .map(p -> new IdentityResolution.Candidate(UUID.fromString(p.id()), p.createdAt())).toList());
        UUID survivorId = kept.id();
        Profile survivor = found.stream().filter(p -> p.id().equals(survivorId.toString())).findFirst().orElseThrow();

        List<ProfileMessage> out = new ArrayList<>();
        long version = survivor.version();
        for (Profile other : found) {
            if (other == survivor) continue;
            UUID otherId = UUID.fromString(other.id());
            identities.move(c, otherId, survivorId);
            timeline.move(c, otherId, survivorId);
            orders.move(c, otherId, survivorId);
            merges.record(c, ws, otherId, survivorId, event.id(), now);
            profiles.delete(c, otherId);
            version = Math.max(version, other.version());
            out.add(new ProfileMerged(ws, survivorId.toString(), otherId.toString(), now));
            LOG.debugf("merged profile %s into %s (event %s)", otherId, survivorId, event.id());
        }
        identities.attach(c, ws, survivorId, IdentityResolution.unknown(named, known), now);

        timeline.add(c, survivorId, timed);
        boolean replay = !out.isEmpty();
        Optional<String> orderId = orderId(event);
        if (orderId.isPresent()) {
            // Refunds and cancellations of this order that arrived before it join its customer's timeline now.
            for (TimelineEvent parked : orders.unpark(c, ws, orderId.get())) {
                timeline.add(c, survivorId, parked);
                replay = true;
            }
        }
        TraitSettings workspaceSettings = settings.of(c, ws);
        List<ComputedTrait> computed = computedTraits.active(c, ws);
        TraitFold.Rules rules = new TraitFold.Rules(workspaceSettings, phoneRegion, computed);
        ProfileState state = profiles.state(c, survivorId);
        CustomerOrders ordersBefore = CustomerOrders.of(survivorId.toString(), state);
        if (!replay && timed.isAfter(state) && ComputedTraitFold.upToDate(state.computed, computed)) {
            TraitFold.apply(state, timed, rules);
        } else {
            // A merge, an event older than the latest one, or computed traits defined since the last fold: replay
            // the timeline in time order.
            state = TraitFold.replay(timeline.of(c, survivorId), rules);
        }
        Profile after = TraitView.profile(survivor, state, version + 1, event.id(), now, workspaceSettings, computed);
        after = predictions.refresh(c, after, ordersBefore, CustomerOrders.of(survivorId.toString(), state), now);
        profiles.update(c, after, state, TraitView.nextDecay(state, now).orElse(null));
        if (orderId.isPresent()) orders.count(c, ws, orderId.get(), survivorId, event.id(), now);
        out.add(ProfileTraits.snapshot(after));
        return out;
    }

    /**
     * Shopify shop/redact (ingest's WebhookEventNames.WORKSPACE_ERASE_REQUESTED): every profile of the workspace is
     * erased (each publishes ProfileErased so the other services purge too), then what the workspace kept here.
     */
    private List<ProfileErased> eraseWorkspace(Connection c, CustomerEvent event, Instant now) throws SQLException {
        String ws = event.workspaceId();
        String reason = event.source() == null ? "event" : event.source() + " " + WORKSPACE_ERASE_REQUESTED;
        List<ProfileErased> out = new ArrayList<>();
        for (UUID id : profiles.idsOf(c, ws)) {
            if (profiles.lock(c, ws, id).isEmpty()) continue;
            out.add(erasure.erase(c, ws, id, reason, now));
        }
        erasure.eraseWorkspaceData(c, ws);
        LOG.infof("workspace %s erased on request (%s): %d profiles", ws, reason, out.size());
        return out;
    }

    /** Erases every profile the request names (after merges, usually one). */
    private List<ProfileErased> eraseNamed(Connection c, CustomerEvent event, Instant now) throws SQLException {
        String ws = event.workspaceId();
        List<Identity> named = IdentityResolution.identitiesOf(event, phoneRegion);
        LinkedHashSet<UUID> ids = new LinkedHashSet<>(identities.known(c, ws, named).values());
        IdentityResolution.declaredProfileId(event).ifPresent(ids::add);
        List<ProfileErased> out = new ArrayList<>();
        for (UUID id : ids.stream().sorted(Comparator.naturalOrder()).toList()) {
            UUID current = merges.current(c, ws, id);
            if (profiles.lock(c, ws, current).isEmpty()) continue;
            String reason = event.source() == null ? "event" : event.source() + " " + EventNames.PROFILE_ERASE_REQUESTED;
            out.add(erasure.erase(c, ws, current, reason, now));
        }
        return out;
    }

    /** The order a track event is about ("Order Refunded", "Order Cancelled", "Order Updated"...). */
    static Optional<String> linkedOrderId(CustomerEvent event) {
        if (event.type() != crm.events.EventType.TRACK) return Optional.empty();
        Object id = event.properties().get("order_id");
        if (id == null || id.toString().isBlank()) return Optional.empty();
        return Optional.of(id.toString().trim());
    }

    /** Corrections of an order that must not be lost when they arrive before the order itself. */
    static boolean waitsForItsOrder(CustomerEvent event) {
        return event.isTrack(EventNames.ORDER_REFUNDED) || event.isTrack(EventNames.ORDER_CANCELLED)
                || event.isTrack(EventNames.ORDER_UPDATED);
    }

    /** The id of the order an "Order Completed" event reports, kept in the orders ledger. */
    static Optional<String> orderId(CustomerEvent event) {
        if (!event.isTrack(EventNames.ORDER_COMPLETED)) return Optional.empty();
        Object id = event.properties().get("order_id");
        if (id == null || id.toString().isBlank()) return Optional.empty();
        return Optional.of(id.toString().trim());
    }
}
