package crm.profile.predictions;

import java.math.BigDecimal;
import java.time.Instant;

/** What the predictions API answers (JSON). */
public final class PredictionViews {
    private PredictionViews() {
    }

    /**
     * A workspace's fitted BG/NBD model.
     *
     * @param timeUnit the unit of alpha and of the inputs: always {@code day}
     */
    public record ModelView(String workspaceId, Instant fittedAt, int customers, double r, double alpha, double a, double b,
                            double logLikelihood, String timeUnit) {
        static ModelView of(PredictionRepository.Model m) {
            return new ModelView(m.workspaceId(), m.fittedAt(), m.customers(), m.model().r(), m.model().alpha(), m.model().a(),
                    m.model().b(), m.logLikelihood(), "day");
        }
    }

    /**
     * One profile's prediction.
     *
     * @param frequency   repeat purchase days (BG/NBD x)
     * @param recencyDays days from the first to the last purchase day (t_x)
     * @param ageDays     days from the first purchase day to the prediction (T)
     */
    public record ProfilePredictionView(String profileId, String workspaceId, BigDecimal expectedPurchases90d, BigDecimal pAlive,
                                        BigDecimal churnRisk, BigDecimal clv90d, BigDecimal averageBasket, int frequency,
                                        double recencyDays, double ageDays, Instant predictedAt, ModelView model) {
    }

    /**
     * What a refit did.
     *
     * @param predicted profiles with a prediction now
     * @param changed   profiles whose published prediction traits changed (new version, ProfileChanged republished)
     */
    public record RefitView(ModelView model, int predicted, int changed) {
    }
}
