package crm.profile.traits;

import java.math.BigDecimal;

/**
 * A workspace's settings of computed traits.
 *
 * @param engagementWeights what one visit, email open, email click and product visit add to the engagement scores
 * @param b2bPagePath       a page whose path starts with it marks the visitor as B2B ({@code b2b: true}); null: none
 */
public record TraitSettings(EngagementWeights engagementWeights, String b2bPagePath) {
    public static final TraitSettings DEFAULT = new TraitSettings(EngagementWeights.DEFAULT, null);

    public TraitSettings {
        engagementWeights = engagementWeights == null ? EngagementWeights.DEFAULT : engagementWeights;
        b2bPagePath = b2bPagePath == null || b2bPagePath.isBlank() ? null : b2bPagePath.trim();
    }

    /** Default: visits + 2 x opens + 4 x clicks + 4 x product visits. */
    public record EngagementWeights(BigDecimal visits, BigDecimal emailOpens, BigDecimal emailClicks, BigDecimal productVisits) {
        public static final EngagementWeights DEFAULT = new EngagementWeights(BigDecimal.ONE, BigDecimal.valueOf(2),
                BigDecimal.valueOf(4), BigDecimal.valueOf(4));

        public EngagementWeights {
            visits = visits == null ? weight(1) : visits;
            emailOpens = emailOpens == null ? weight(2) : emailOpens;
            emailClicks = emailClicks == null ? weight(4) : emailClicks;
            productVisits = productVisits == null ? weight(4) : productVisits;
        }

        private static BigDecimal weight(int v) {
            return BigDecimal.valueOf(v);
        }

        public BigDecimal score(long visits, long opens, long clicks, long productVisits) {
            return this.visits.multiply(BigDecimal.valueOf(visits))
                    .add(emailOpens.multiply(BigDecimal.valueOf(opens)))
                    .add(emailClicks.multiply(BigDecimal.valueOf(clicks)))
                    .add(this.productVisits.multiply(BigDecimal.valueOf(productVisits)));
        }
    }
}
