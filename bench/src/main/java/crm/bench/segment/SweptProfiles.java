package crm.bench.segment;

import crm.bench.profile.TableCopy;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * A store's customers as segment-service keeps them (snapshot traits and typed facts), their last orders spread over
 * the past year, written straight into the projection with the memberships of "last order more than 90 days ago" as
 * a sweep one day earlier left them: the next sweep flips about one customer in 365. The first customer is the
 * sentinel: it enters at the next sweep, and its entered_at is that sweep's "now".
 */
final class SweptProfiles {
    static final Duration YEAR = Duration.ofDays(365);
    static final Duration PREVIOUS_SWEEP = Duration.ofDays(1);

    private SweptProfiles() {
    }

    /** @return the sentinel's profile id */
    static String write(String workspaceId, String segmentId, int count, long seed, Instant now,
                        TableCopy projection, TableCopy memberships) throws SQLException {
        Random random = new Random(seed);
        Instant previousCutOff = now.minus(PREVIOUS_SWEEP).minus(Duration.ofDays(90));
        String sentinel = null;
        for (int i = 0; i < count; i++) {
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            Instant lastOrder = i == 0 ? now.minus(Duration.ofDays(90)).minus(Duration.ofHours(1))
                    : now.minusMillis(1 + (long) (random.nextDouble() * YEAR.toMillis()));
            Instant firstOrder = lastOrder.minus(Duration.ofDays(random.nextInt(400)));
            int orders = 1 + random.nextInt(8);
            BigDecimal spent = BigDecimal.valueOf(orders * (1_000L + random.nextInt(20_000)), 2).stripTrailingZeros();
            String email = "customer" + i + "@bench.example";
            String traits = "{\"email\": \"" + email + "\", \"orders_count\": " + orders + ", \"total_spent\": " + spent.toPlainString()
                    + ", \"first_order_date\": \"" + firstOrder + "\", \"last_order_date\": \"" + lastOrder + "\"}";
            String facts = "{\"email\": \"" + email + "\", \"orders_count\": " + orders + ", \"total_spent\": " + spent.toPlainString()
                    + ", \"first_order_date\": " + firstOrder.toEpochMilli() + ", \"last_order_date\": " + lastOrder.toEpochMilli() + "}";
            projection.row(workspaceId, id, 1, traits, facts);
            if (lastOrder.isBefore(previousCutOff)) memberships.row(workspaceId, segmentId, id, now.minus(PREVIOUS_SWEEP));
            if (i == 0) sentinel = id;
        }
        return sentinel;
    }
}
