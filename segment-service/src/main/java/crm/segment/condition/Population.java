package crm.segment.condition;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The workspace statistics that population-relative conditions compare with, as last computed. A statistic that is
 * missing (never computed, or no profile has the trait) makes the conditions using it false.
 *
 * @param tops     percentile thresholds by {@link #topKey}
 * @param averages averages by trait
 * @param rfm      quintile boundaries (four ascending values) of each RFM score's basis, by score trait
 */
public record Population(Map<String, Top> tops, Map<String, BigDecimal> averages, Map<String, List<BigDecimal>> rfm) {
    public static final Population NONE = new Population(Map.of(), Map.of(), Map.of());

    public Population {
        tops = Map.copyOf(Objects.requireNonNull(tops));
        averages = Map.copyOf(Objects.requireNonNull(averages));
        rfm = Map.copyOf(Objects.requireNonNull(rfm));
    }

    /**
     * A profile is in the top p % of a trait when its value is strictly above {@code threshold}: the (100 - p)th
     * percentile, an actual value of the population (PostgreSQL's percentile_disc). Strictly, so that the top 10 % of
     * 1..10 is 10 alone, and when everyone ties no one is "top".
     */
    public record Top(BigDecimal threshold) {
        public Top {
            Objects.requireNonNull(threshold);
        }
    }

    public static String topKey(String trait, BigDecimal percent) {
        return trait + ":" + Decimals.canonical(percent).toPlainString();
    }

    public Top top(String trait, BigDecimal percent) {
        return tops.get(topKey(trait, percent));
    }

    public BigDecimal average(String trait) {
        return averages.get(trait);
    }

    public List<BigDecimal> rfmBoundaries(String scoreTrait) {
        return rfm.get(scoreTrait);
    }
}
