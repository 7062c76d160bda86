package crm.journey.feedback;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A journey's results: runs entered, per step what happened to its messages, and orders credited (last touch).
 *
 * @param revenue the sum of credited orders' values (in the currencies the orders were in)
 */
public record JourneyStats(String journeyId, long entered, long converted, BigDecimal revenue, List<StepStats> steps) {

    /**
     * @param sent      messages a provider took
     * @param delivered, opened, clicked, bounced: messages with at least one such report
     * @param skipped   skipped messages by guard (consent, suppressed, frequency_cap, quiet_hours, empathy, no_address)
     */
    public record StepStats(String stepId, String channel, long sent, long failed, long delivered, long opened,
                            long clicked, long bounced, Map<String, Long> skipped, long converted, BigDecimal revenue) {
    }
}
