package crm.profile.predictions;

import crm.events.Json;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The tables of V6: prediction_models, profile_predictions and prediction_outbox. Every query names the workspace. */
@ApplicationScoped
public class PredictionRepository {
    private static final String PREDICTION_COLUMNS = "profile_id, frequency, recency_days, age_days, average_basket, "
            + "expected_purchases_90d, p_alive, churn_risk, clv_90d, predicted_at";

    /** The workspace's latest fit. */
    public record Model(String workspaceId, Instant fittedAt, int customers, BgNbd model, double logLikelihood) {
    }

    /** A stored prediction and when it was made. */
    public record Stored(Prediction prediction, Instant predictedAt) {
    }

    public void saveModel(Connection c, Model m) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into prediction_models (workspace_id, fitted_at, customers, r, alpha, a, b, "
                + "log_likelihood) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (workspace_id) do update set fitted_at = excluded.fitted_at, "
                + "customers = excluded.customers, r = excluded.r, alpha = excluded.alpha, a = excluded.a, b = excluded.b, "
                + "log_likelihood = excluded.log_likelihood")) {
            s.setString(1, m.workspaceId());
            s.setObject(2, timestamp(m.fittedAt()));
            s.setInt(3, m.customers());
            s.setDouble(4, m.model().r());
            s.setDouble(5, m.model().alpha());
            s.setDouble(6, m.model().a());
            s.setDouble(7, m.model().b());
            s.setDouble(8, m.logLikelihood());
            s.executeUpdate();
        }
    }

    public Optional<Model> model(Connection c, String workspaceId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select fitted_at, customers, r, alpha, a, b, log_likelihood "
                + "from prediction_models where workspace_id = ?")) {
            s.setString(1, workspaceId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Model(workspaceId, instant(rs, 1), rs.getInt(2),
                        new BgNbd(rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)), rs.getDouble(7)));
            }
        }
    }

    /** Every stored prediction of the workspace, by profile id. */
    public Map<String, Prediction> ofWorkspace(Connection c, String workspaceId) throws SQLException {
        Map<String, Prediction> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("select " + PREDICTION_COLUMNS + " from profile_predictions where workspace_id = ?")) {
            s.setString(1, workspaceId);
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Prediction p = read(rs).prediction();
                    out.put(p.profileId(), p);
                }
            }
        }
        return out;
    }

    public Optional<Stored> ofProfile(Connection c, String workspaceId, UUID profileId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + PREDICTION_COLUMNS + " from profile_predictions "
                + "where workspace_id = ? and profile_id = ?")) {
            s.setString(1, workspaceId);
            s.setObject(2, profileId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public void save(Connection c, String workspaceId, Collection<Prediction> predictions, Instant at) throws SQLException {
        if (predictions.isEmpty()) return;
        try (PreparedStatement s = c.prepareStatement("insert into profile_predictions (workspace_id, " + PREDICTION_COLUMNS + ") "
                // A profile erased or merged away since its orders were read gets no prediction (and breaks no foreign key).
                + "select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? where exists (select 1 from profiles where id = ? and workspace_id = ?) "
                + "on conflict (workspace_id, profile_id) do update set "
                + "frequency = excluded.frequency, recency_days = excluded.recency_days, age_days = excluded.age_days, "
                + "average_basket = excluded.average_basket, expected_purchases_90d = excluded.expected_purchases_90d, "
                + "p_alive = excluded.p_alive, churn_risk = excluded.churn_risk, clv_90d = excluded.clv_90d, "
                + "predicted_at = excluded.predicted_at")) {
            for (Prediction p : predictions) {
                s.setString(1, workspaceId);
                s.setObject(2, UUID.fromString(p.profileId()));
                s.setInt(3, p.frequency());
                s.setDouble(4, p.recencyDays());
                s.setDouble(5, p.ageDays());
                s.setBigDecimal(6, p.averageBasket());
                s.setBigDecimal(7, p.expectedPurchases90d());
                s.setBigDecimal(8, p.pAlive());
                s.setBigDecimal(9, p.churnRisk());
                s.setBigDecimal(10, p.clv90d());
                s.setObject(11, timestamp(at));
                s.setObject(12, UUID.fromString(p.profileId()));
                s.setString(13, workspaceId);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public void delete(Connection c, String workspaceId, Collection<UUID> profileIds) throws SQLException {
        if (profileIds.isEmpty()) return;
        try (PreparedStatement s = c.prepareStatement("delete from profile_predictions where workspace_id = ? and profile_id = any (?)")) {
            s.setString(1, workspaceId);
            s.setArray(2, c.createArrayOf("uuid", profileIds.toArray()));
            s.executeUpdate();
        }
    }

    /**
     * Writes the profiles' new prediction traits into their published traits (profiles.traits; an empty map removes
     * them), gives them a new version and queues their snapshot for publishing, all in the caller's transaction.
     * Answers the ids of those that still exist in the workspace.
     */
    public List<UUID> publishTraits(Connection c, String workspaceId, Map<UUID, Map<String, Object>> traitsByProfile, String cause,
                                    Instant now) throws SQLException {
        List<UUID> changed = new ArrayList<>();
        if (traitsByProfile.isEmpty()) return changed;
        // Rows are updated (so locked) in id order: two passes over overlapping profiles cannot deadlock each other.
        List<UUID> ids = new ArrayList<>(traitsByProfile.keySet());
        ids.sort(null);
        try (PreparedStatement s = c.prepareStatement("update profiles set traits = (traits - ?::text[]) || ?::jsonb, "
                + "version = version + 1, updated_at = ?, last_event_id = ? where id = ? and workspace_id = ?")) {
            for (UUID id : ids) {
                s.setArray(1, c.createArrayOf("text", Prediction.TRAITS.toArray()));
                s.setString(2, Json.write(traitsByProfile.get(id)));
                s.setObject(3, timestamp(now));
                s.setString(4, cause);
                s.setObject(5, id);
                s.setString(6, workspaceId);
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            for (int i = 0; i < ids.size(); i++) {
                if (counts[i] > 0) changed.add(ids.get(i));
            }
        }
        queue(c, workspaceId, changed, now);
        return changed;
    }

    /**
     * Queues the profiles' current snapshots for publishing (PredictionRefit.publishQueued), in the caller's
     * transaction; also used by the computed-trait backfill, which republishes the same way.
     */
    public void queue(Connection c, String workspaceId, Collection<UUID> profileIds, Instant now) throws SQLException {
        if (profileIds.isEmpty()) return;
        try (PreparedStatement s = c.prepareStatement("insert into prediction_outbox (workspace_id, profile_id, changed_at) "
                + "values (?, ?, ?) on conflict (workspace_id, profile_id) do update set changed_at = excluded.changed_at")) {
            for (UUID id : profileIds) {
                s.setString(1, workspaceId);
                s.setObject(2, id);
                s.setObject(3, timestamp(now));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The profiles of the workspace whose changed snapshot still waits to be published. */
    public List<UUID> queued(Connection c, String workspaceId) throws SQLException {
        List<UUID> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select profile_id from prediction_outbox where workspace_id = ? order by changed_at, profile_id")) {
            s.setString(1, workspaceId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(rs.getObject(1, UUID.class));
            }
        }
        return out;
    }

    public void published(Connection c, String workspaceId, List<UUID> profileIds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("delete from prediction_outbox where workspace_id = ? and profile_id = any (?)")) {
            s.setString(1, workspaceId);
            s.setArray(2, c.createArrayOf("uuid", profileIds.toArray()));
            s.executeUpdate();
        }
    }

    private static Stored read(ResultSet rs) throws SQLException {
        Prediction p = new Prediction(rs.getObject(1, UUID.class).toString(), rs.getInt(2), rs.getDouble(3), rs.getDouble(4),
                rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9));
        return new Stored(p, instant(rs, 10));
    }

    private static OffsetDateTime timestamp(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
