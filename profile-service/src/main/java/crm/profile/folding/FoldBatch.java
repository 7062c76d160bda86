package crm.profile.folding;

import crm.events.CustomerEvent;
import crm.events.Json;
import crm.events.ProfileChanged;
import crm.events.ProfileMerged;
import crm.events.ProfileMessage;
import crm.profile.ProfileRepository;
import crm.profile.computed.ComputedTrait;
import crm.profile.computed.ComputedTraitFold;
import crm.profile.identity.Identity;
import crm.profile.identity.IdentityRepository;
import crm.profile.identity.IdentityResolution;
import crm.profile.predictions.CustomerOrders;
import crm.profile.predictions.FoldPredictions;
import crm.profile.traits.Profile;
import crm.profile.traits.ProfileState;
import crm.profile.traits.ProfileTraits;
import crm.profile.traits.TimelineEvent;
import crm.profile.traits.TraitFold;
import crm.profile.traits.TraitSettings;
import crm.profile.traits.TraitView;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The set-based fold of one batch, in its transaction. The common event (it names identities of at most one profile,
 * which has folded nothing later, and nothing waits for its order) is folded in memory: the batch's identities are
 * resolved and its profiles locked and read with a query or two, each profile is folded through its events in batch
 * order, and what changed is written at the end with one statement per table. Any other event is folded by
 * {@link EventFolding#foldIn} on its own, after the writes pending so far and before which it changes is read again,
 * so the result is the one of folding every event one by one.
 */
final class FoldBatch {
    private final EventFolding folding;
    private final Connection c;
    private final List<CustomerEvent> events;
    /** The identities each event names (computed once: phones are parsed). */
    private final List<List<Identity>> named;

    /** Per workspace, what the batch knows of its identities: the profile, or empty when none has it. */
    private final Map<String, Map<Identity, Optional<UUID>>> identities = new HashMap<>();
    /** The profiles read (or created) so far; empty when not found. */
    private final Map<UUID, Optional<Held>> profiles = new HashMap<>();
    /** Per workspace, orders with corrections waiting for them, among those asked about. */
    private final Map<String, Map<String, Boolean>> parked = new HashMap<>();
    private final Map<String, Rules> rules = new HashMap<>();

    private final List<IdentityRepository.Attached> attached = new ArrayList<>();
    private final List<TimelineRepository.Entry> timeline = new ArrayList<>();
    private final Map<List<String>, OrderRepository.Counted> counted = new LinkedHashMap<>();
    private final Set<Held> dirty = new LinkedHashSet<>();
    private final FoldPredictions.Batch predictions = new FoldPredictions.Batch();

    /** A profile of the batch: as last folded, with its state; new when not inserted yet. */
    private static final class Held {
        Profile profile;
        ProfileState state;
        Instant decayAt;
        boolean isNew;
        /** Changed in memory since read: the next event reads it as the database would give it back. */
        boolean folded;

        Held(Profile profile, ProfileState state, boolean isNew) {
            this.profile = profile;
            this.state = state;
            this.isNew = isNew;
        }
    }

    /** What the fold of a workspace reads once per batch. */
    private record Rules(TraitSettings settings, List<ComputedTrait> computed, TraitFold.Rules fold) {
    }

    FoldBatch(EventFolding folding, Connection c, List<CustomerEvent> events) {
        this.folding = folding;
        this.c = c;
        this.events = events;
        this.named = events.stream().map(e -> IdentityResolution.identitiesOf(e, folding.phoneRegion)).toList();
    }

    /** True when event {@code i} is folded here; false when it takes the one-by-one path. */
    boolean foldable(int i, Instant now) throws SQLException {
        CustomerEvent event = events.get(i);
        List<Identity> ids = named.get(i);
        if (ids.isEmpty() || IdentityResolution.declaredProfileId(event).isPresent()) return false;
        String ws = event.workspaceId();
        Map<Identity, Optional<UUID>> known = identities.computeIfAbsent(ws, k -> new HashMap<>());
        if (!known.keySet().containsAll(ids)) resolveFrom(i);
        Set<UUID> found = new HashSet<>();
        for (Identity id : ids) known.get(id).ifPresent(found::add);
        if (found.size() > 1) return false;
        Optional<String> orderId = EventFolding.orderId(event);
        if (orderId.isPresent()) {
            Map<String, Boolean> waiting = parked.computeIfAbsent(ws, k -> new HashMap<>());
            if (!waiting.containsKey(orderId.get())) parkedFrom(i);
            if (waiting.get(orderId.get())) return false;
        }
        if (found.isEmpty()) return true;
        UUID id = found.iterator().next();
        if (!profiles.containsKey(id)) lockFrom(i);
        Optional<Held> held = profiles.get(id);
        if (held.isEmpty()) return false;
        TimelineEvent timed = TimelineEvent.of(event, now);
        return timed.isAfter(held.get().state) && ComputedTraitFold.upToDate(held.get().state.computed, rules(ws).computed());
    }

    /** Folds event {@code i}, which {@link #foldable} accepted; answers its snapshot. */
    ProfileMessage fold(int i, Instant now) throws SQLException {
        CustomerEvent event = events.get(i);
        String ws = event.workspaceId();
        Rules r = rules(ws);
        Map<Identity, Optional<UUID>> known = identities.get(ws);
        List<Identity> ids = named.get(i);
        Held held = null;
        for (Identity id : ids) {
            if (known.get(id).isPresent()) held = profiles.get(known.get(id).get()).orElseThrow();
        }
        if (held == null) {
            Profile fresh = Profile.empty(UUID.randomUUID().toString(), ws, now);
            held = new Held(fresh, new ProfileState(), true);
            profiles.put(UUID.fromString(fresh.id()), Optional.of(held));
        } else if (held.folded) {
            // As the next event would read it back from its row.
            held.state = Json.read(Json.write(held.state), ProfileState.class);
            Profile p = held.profile;
            @SuppressWarnings("unchecked")
            Map<String, Object> traits = Json.read(Json.write(p.traits()), Map.class);
            held.profile = new Profile(p.id(), ws, traits, p.ordersCount(), p.totalSpent(), p.firstOrderDate(), p.lastOrderDate(),
                    p.emailsSent(), p.version(), p.lastEventId(), p.createdAt(), p.updatedAt());
        }
        UUID profileId = UUID.fromString(held.profile.id());
        for (Identity id : ids) {
            if (known.get(id).isEmpty()) {
                attached.add(new IdentityRepository.Attached(ws, id, profileId, now));
                known.put(id, Optional.of(profileId));
            }
        }
        TimelineEvent timed = TimelineEvent.of(event, now);
        timeline.add(new TimelineRepository.Entry(profileId, timed));
        CustomerOrders ordersBefore = CustomerOrders.of(held.profile.id(), held.state);
        TraitFold.apply(held.state, timed, r.fold());
        Profile after = TraitView.profile(held.profile, held.state, held.profile.version() + 1, event.id(), now, r.settings(), r.computed());
        after = folding.predictions.refresh(c, after, ordersBefore, CustomerOrders.of(held.profile.id(), held.state), now, predictions);
        held.profile = after;
        held.decayAt = TraitView.nextDecay(held.state, now).orElse(null);
        held.folded = true;
        dirty.add(held);
        Optional<String> orderId = EventFolding.orderId(event);
        if (orderId.isPresent()) {
            counted.putIfAbsent(List.of(ws, orderId.get()), new OrderRepository.Counted(ws, orderId.get(), profileId, event.id(), now));
        }
        return ProfileTraits.snapshot(after);
    }

    /**
     * Writes what is pending: before an event takes the one-by-one path (or is found processed), so it reads the
     * database as folding one by one would have left it, and before the commit.
     */
    void flush() throws SQLException {
        List<ProfileRepository.Saved> inserted = new ArrayList<>();
        List<ProfileRepository.Saved> updated = new ArrayList<>();
        for (Held h : dirty) {
            (h.isNew ? inserted : updated).add(new ProfileRepository.Saved(h.profile, h.state, h.decayAt));
            h.isNew = false;
        }
        dirty.clear();
        folding.profiles.insertAll(c, inserted);
        folding.identities.attachAll(c, attached);
        folding.timeline.addAll(c, timeline);
        folding.profiles.updateAll(c, updated);
        folding.orders.countAll(c, List.copyOf(counted.values()));
        folding.predictions.save(c, predictions);
        attached.clear();
        timeline.clear();
        counted.clear();
    }

    /** After event {@code i} took the one-by-one path: forgets what it may have changed. */
    void forget(int i, List<ProfileMessage> out) {
        CustomerEvent event = events.get(i);
        Set<UUID> touched = new HashSet<>();
        for (ProfileMessage m : out) {
            if (m instanceof ProfileMerged merged) {
                touched.add(UUID.fromString(merged.profileId()));
                touched.add(UUID.fromString(merged.mergedId()));
            } else if (m instanceof ProfileChanged changed) {
                touched.add(UUID.fromString(changed.profileId()));
            }
        }
        profiles.keySet().removeAll(touched);
        Map<Identity, Optional<UUID>> known = identities.get(event.workspaceId());
        if (known != null) {
            named.get(i).forEach(known::remove);
            known.values().removeIf(p -> p.isPresent() && touched.contains(p.get()));
        }
        // It may have parked a correction of its order.
        EventFolding.linkedOrderId(event).ifPresent(o -> {
            Map<String, Boolean> waiting = parked.get(event.workspaceId());
            if (waiting != null) waiting.remove(o);
        });
    }

    private Rules rules(String ws) throws SQLException {
        Rules r = rules.get(ws);
        if (r == null) {
            TraitSettings settings = folding.settings.of(c, ws);
            List<ComputedTrait> computed = folding.computedTraits.active(c, ws);
            r = new Rules(settings, computed, new TraitFold.Rules(settings, folding.phoneRegion, computed));
            rules.put(ws, r);
        }
        return r;
    }

    /** Looks up, a query per workspace, the identities events {@code i..} name that the batch does not know yet. */
    private void resolveFrom(int from) throws SQLException {
        Map<String, Set<Identity>> asked = new LinkedHashMap<>();
        for (int i = from; i < events.size(); i++) {
            String ws = events.get(i).workspaceId();
            Map<Identity, Optional<UUID>> known = identities.computeIfAbsent(ws, k -> new HashMap<>());
            for (Identity id : named.get(i)) {
                if (!known.containsKey(id)) asked.computeIfAbsent(ws, k -> new LinkedHashSet<>()).add(id);
            }
        }
        for (Map.Entry<String, Set<Identity>> e : asked.entrySet()) {
            Map<Identity, UUID> found = folding.identities.knownAll(c, e.getKey(), e.getValue());
            Map<Identity, Optional<UUID>> known = identities.get(e.getKey());
            for (Identity id : e.getValue()) known.put(id, Optional.ofNullable(found.get(id)));
        }
    }

    /** Locks and reads, a query per workspace, the known profiles events {@code i..} name that are not held yet. */
    private void lockFrom(int from) throws SQLException {
        Map<String, Set<UUID>> asked = new LinkedHashMap<>();
        for (int i = from; i < events.size(); i++) {
            String ws = events.get(i).workspaceId();
            Map<Identity, Optional<UUID>> known = identities.get(ws);
            if (known == null) continue;
            for (Identity id : named.get(i)) {
                Optional<UUID> p = known.get(id);
                if (p != null && p.isPresent() && !profiles.containsKey(p.get())) {
                    asked.computeIfAbsent(ws, k -> new LinkedHashSet<>()).add(p.get());
                }
            }
        }
        for (Map.Entry<String, Set<UUID>> e : asked.entrySet()) {
            Map<UUID, ProfileRepository.Folded> found = folding.profiles.lockAll(c, e.getKey(), e.getValue());
            for (UUID id : e.getValue()) {
                ProfileRepository.Folded f = found.get(id);
                profiles.put(id, f == null ? Optional.empty() : Optional.of(new Held(f.profile(), f.state(), false)));
            }
        }
    }

    /** Asks, a query per workspace, which orders events {@code i..} complete have corrections waiting. */
    private void parkedFrom(int from) throws SQLException {
        Map<String, Set<String>> asked = new LinkedHashMap<>();
        for (int i = from; i < events.size(); i++) {
            CustomerEvent event = events.get(i);
            Optional<String> orderId = EventFolding.orderId(event);
            Map<String, Boolean> waiting = parked.computeIfAbsent(event.workspaceId(), k -> new HashMap<>());
            if (orderId.isPresent() && !waiting.containsKey(orderId.get())) {
                asked.computeIfAbsent(event.workspaceId(), k -> new LinkedHashSet<>()).add(orderId.get());
            }
        }
        for (Map.Entry<String, Set<String>> e : asked.entrySet()) {
            Set<String> found = folding.orders.parkedAmong(c, e.getKey(), e.getValue());
            for (String o : e.getValue()) parked.get(e.getKey()).put(o, found.contains(o));
        }
    }
}
