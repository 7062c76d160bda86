package crm.profile.predictions;

import crm.profile.traits.Profile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps a profile's predictions in step with its purchases between refits: when a fold changes the purchase history
 * (an order, a refund, a cancellation, a merge), its expected purchases and P(alive) are recomputed at once from the
 * workspace's last fitted model, in the fold's transaction, so the snapshot published carries them. The model itself
 * is refitted on its schedule only.
 */
@ApplicationScoped
public class FoldPredictions {
    @Inject
    PredictionRepository predictions;

    /** The profile with its prediction traits brought up to date (the same profile when nothing changed). */
    public Profile refresh(Connection c, Profile profile, CustomerOrders before, CustomerOrders after, Instant now) throws SQLException {
        Batch batch = new Batch();
        Profile refreshed = refresh(c, profile, before, after, now, batch);
        save(c, batch);
        return refreshed;
    }

    /**
     * The predictions of a batch of folds: each workspace's model read once, each profile's last prediction (or its
     * removal) saved by {@link #save(Connection, Batch)}.
     */
    public static final class Batch {
        private final Map<String, Optional<PredictionRepository.Model>> models = new HashMap<>();
        private final Map<UUID, Made> made = new LinkedHashMap<>();

        private record Made(String workspaceId, Optional<Prediction> prediction, Instant at) {
        }
    }

    /** {@link #refresh(Connection, Profile, CustomerOrders, CustomerOrders, Instant)}, saved later with the batch. */
    public Profile refresh(Connection c, Profile profile, CustomerOrders before, CustomerOrders after, Instant now, Batch batch)
            throws SQLException {
        if (before.purchases().equals(after.purchases())) return profile;
        String ws = profile.workspaceId();
        Optional<PredictionRepository.Model> model = batch.models.get(ws);
        if (model == null) {
            model = predictions.model(c, ws);
            batch.models.put(ws, model);
        }
        if (model.isEmpty()) return profile;
        Optional<Prediction> prediction = Prediction.of(model.get().model(), after, now);
        Map<String, Object> traits = new LinkedHashMap<>(profile.traits());
        Prediction.TRAITS.forEach(traits::remove);
        prediction.ifPresent(p -> traits.putAll(p.traits()));
        UUID id = UUID.fromString(profile.id());
        batch.made.remove(id);
        batch.made.put(id, new Batch.Made(ws, prediction, now));
        return new Profile(profile.id(), ws, traits, profile.ordersCount(), profile.totalSpent(), profile.firstOrderDate(),
                profile.lastOrderDate(), profile.emailsSent(), profile.version(), profile.lastEventId(), profile.createdAt(),
                profile.updatedAt());
    }

    /** Saves (or removes) the predictions the batch made since its last save, a statement per workspace and time. */
    public void save(Connection c, Batch batch) throws SQLException {
        Map<List<Object>, List<Prediction>> saved = new LinkedHashMap<>();
        Map<String, List<UUID>> removed = new LinkedHashMap<>();
        batch.made.forEach((id, m) -> {
            if (m.prediction().isPresent()) {
                saved.computeIfAbsent(List.of(m.workspaceId(), m.at()), k -> new java.util.ArrayList<>()).add(m.prediction().get());
            } else {
                removed.computeIfAbsent(m.workspaceId(), k -> new java.util.ArrayList<>()).add(id);
            }
        });
        for (Map.Entry<List<Object>, List<Prediction>> e : saved.entrySet()) {
            predictions.save(c, (String) e.getKey().get(0), e.getValue(), (Instant) e.getKey().get(1));
        }
        for (Map.Entry<String, List<UUID>> e : removed.entrySet()) predictions.delete(c, e.getKey(), e.getValue());
        batch.made.clear();
    }
}
