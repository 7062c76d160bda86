package crm.bench.profile;

import crm.events.CustomerEvent;
import crm.events.EventNames;
import crm.events.EventType;
import crm.events.Identities;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A store's traffic in the canonical envelope: Product Viewed and Order Completed (one in three) over many customers,
 * each customer's events in time order (the usual case: folded incrementally). Seeded, so every run folds the same.
 * Event ids, customers and orders all start with {@code prefix}, so two workloads in one workspace never meet.
 */
final class FoldWorkload {
    private static final String[] CATEGORIES = {"shoes", "jackets", "hats", "bags", "socks", "gloves"};

    private FoldWorkload() {
    }

    static List<CustomerEvent> events(String workspaceId, String prefix, int count, int customers, long seed, Instant end) {
        Random random = new Random(seed);
        Instant start = end.minusMillis(count);
        List<CustomerEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int customer = i % customers;
            Identities who = Identities.of(prefix + "u-" + customer, null, prefix + customer + "@bench.example");
            Instant at = start.plusMillis(i);
            String id = prefix + i;
            if (random.nextInt(3) == 0) {
                BigDecimal total = BigDecimal.valueOf(500 + random.nextInt(20_000), 2);
                events.add(new CustomerEvent(id, workspaceId, EventType.TRACK, EventNames.ORDER_COMPLETED, who, Map.of(),
                        Map.of("order_id", prefix + "o-" + i, "total", total, "currency", "EUR"), Map.of(), at, at, "api", null));
            } else {
                String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                events.add(new CustomerEvent(id, workspaceId, EventType.TRACK, EventNames.PRODUCT_VIEWED, who, Map.of(),
                        Map.of("product_id", "p-" + random.nextInt(500), "category", category, "price", 19.90),
                        Map.of(), at, at, "api", null));
            }
        }
        return events;
    }
}
