package crm.segment.condition;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * RFM scores 1 to 5 by quintiles of the workspace's customers (profiles with at least one order): recency from
 * last_order_date (more recent scores higher), frequency from orders_count, monetary from total_spent. With the
 * four boundaries b1..b4 (the 20th, 40th, 60th and 80th percentiles, actual values of the population), a customer's
 * score is 1 + the number of boundaries its value is strictly above. Non-customers have no score.
 */
public final class Rfm {
    private Rfm() {
    }

    /** The trait each score is computed from. */
    public static String basis(String scoreTrait) {
        return switch (scoreTrait) {
            case TraitCatalogue.RFM_RECENCY -> TraitCatalogue.LAST_ORDER_DATE;
            case TraitCatalogue.RFM_FREQUENCY -> TraitCatalogue.ORDERS_COUNT;
            case TraitCatalogue.RFM_MONETARY -> TraitCatalogue.TOTAL_SPENT;
            default -> throw new IllegalArgumentException("not an RFM score: " + scoreTrait);
        };
    }

    public static List<String> scores() {
        return List.of(TraitCatalogue.RFM_RECENCY, TraitCatalogue.RFM_FREQUENCY, TraitCatalogue.RFM_MONETARY);
    }

    static BigDecimal score(String scoreTrait, Map<String, Object> facts, Population population) {
        List<BigDecimal> boundaries = population.rfmBoundaries(scoreTrait);
        if (boundaries == null) return null;
        if (!(facts.get(TraitCatalogue.ORDERS_COUNT) instanceof BigDecimal orders) || orders.compareTo(BigDecimal.ONE) < 0) {
            return null;
        }
        if (!(facts.get(basis(scoreTrait)) instanceof BigDecimal value)) return null;
        int score = 1;
        for (BigDecimal b : boundaries) {
            if (value.compareTo(b) > 0) score++;
        }
        return BigDecimal.valueOf(score);
    }
}
