package crm.profile.predictions;

import crm.profile.traits.Profile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
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
        if (before.purchases().equals(after.purchases())) return profile;
        String ws = profile.workspaceId();
        Optional<PredictionRepository.Model> model = predictions.model(c, ws);
        if (model.isEmpty()) return profile;
        Optional<Prediction> prediction = Prediction.of(model.get().model(), after, now);
        Map<String, Object> traits = new LinkedHashMap<>(profile.traits());
        Prediction.TRAITS.forEach(traits::remove);
        if (prediction.isPresent()) {
            predictions.save(c, ws, List.of(prediction.get()), now);
            traits.putAll(prediction.get().traits());
        } else {
            predictions.delete(c, ws, List.of(UUID.fromString(profile.id())));
        }
        return new Profile(profile.id(), ws, traits, profile.ordersCount(), profile.totalSpent(), profile.firstOrderDate(),
                profile.lastOrderDate(), profile.emailsSent(), profile.version(), profile.lastEventId(), profile.createdAt(),
                profile.updatedAt());
    }
}
