package crm.profile.folding;

import crm.events.CustomerEvent;
import crm.events.EventNames;
import crm.events.EventType;
import crm.events.Identities;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The set-based fold of a batch leaves exactly what folding its events one by one leaves: seeded random streams with
 * duplicates, links and merges of anonymous and known customers, events out of order, orders reported twice, refunds
 * naming only their order (before and after it), several events per profile in one batch.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class FoldInBatchesTest {
    @Inject
    EventFolding folding;
    @Inject
    DataSource dataSource;

    @Test
    void folding_in_batches_leaves_the_profiles_identities_timelines_and_orders_folding_one_by_one_leaves() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            List<Generated> stream = stream(random, 300);
            String oneByOne = "ws-one-" + UUID.randomUUID();
            String batched = "ws-batch-" + UUID.randomUUID();
            for (Generated g : stream) folding.processOneByOne(List.of(g.in(oneByOne)));
            for (int i = 0; i < stream.size(); ) {
                int size = 1 + random.nextInt(80);
                List<CustomerEvent> batch = new ArrayList<>();
                for (Generated g : stream.subList(i, Math.min(stream.size(), i + size))) batch.add(g.in(batched));
                folding.process(batch);
                i += size;
            }
            Map<String, Object> expected = view(oneByOne);
            assertThat(view(batched)).as("seed %d", seed).isEqualTo(expected);
            assertThat((Map<?, ?>) expected.get("profiles")).as("seed %d folds profiles", seed).hasSizeGreaterThan(10);
        }
    }

    /** An event of the stream, put in a workspace. */
    record Generated(String id, EventType type, String name, Identities ids, Map<String, Object> traits,
                     Map<String, Object> properties, Instant at) {
        CustomerEvent in(String ws) {
            return new CustomerEvent(id, ws, type, name, ids, traits, properties, null, at, at, "api", null);
        }
    }

    static List<Generated> stream(Random random, int size) {
        List<Generated> out = new ArrayList<>();
        Instant clock = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
        int orders = 0;
        while (out.size() < size) {
            int customer = random.nextInt(25);
            // Mostly forward in time, sometimes an event from the past.
            clock = clock.plusSeconds(60 + random.nextInt(3600));
            Instant at = random.nextInt(6) == 0 ? clock.minusSeconds(random.nextInt(5 * 86_400)) : clock;
            String id = UUID.randomUUID().toString();
            int kind = random.nextInt(100);
            if (kind < 7 && !out.isEmpty()) {
                out.add(out.get(random.nextInt(out.size())));
            } else if (kind < 40) {
                out.add(new Generated(id, EventType.TRACK, EventNames.PRODUCT_VIEWED, someIds(random, customer), null,
                        Map.of("product_id", "p" + random.nextInt(9), "category", "c" + random.nextInt(3)), at));
            } else if (kind < 60) {
                String order = random.nextInt(10) == 0 && orders > 0 ? "o" + random.nextInt(orders) : "o" + orders++;
                out.add(new Generated(id, EventType.TRACK, EventNames.ORDER_COMPLETED, knownIds(random, customer), null,
                        Map.of("order_id", order, "total", new BigDecimal(10 + random.nextInt(200) + ".50"), "currency", "EUR"), at));
            } else if (kind < 68) {
                // Names only the order: one counted already, or one still to come.
                String order = "o" + Math.max(0, orders - 3 + random.nextInt(6));
                String name = random.nextBoolean() ? EventNames.ORDER_REFUNDED : EventNames.ORDER_CANCELLED;
                out.add(new Generated(id, EventType.TRACK, name, new Identities(null, null, null, null, null, null, null, null, null),
                        null, Map.of("order_id", order, "total", new BigDecimal("5.00")), at));
            } else if (kind < 80) {
                Map<String, Object> traits = new LinkedHashMap<>();
                traits.put("first_name", "Name" + random.nextInt(4));
                traits.put("plan", "p" + random.nextInt(3));
                out.add(new Generated(id, EventType.IDENTIFY, null, knownIds(random, customer), traits, null, at));
            } else {
                out.add(new Generated(id, EventType.PAGE, "Home", someIds(random, customer), null,
                        Map.of("url", "https://shop.example/" + random.nextInt(4)), at));
            }
        }
        return out;
    }

    /** One or two of the customer's identities: links (and so merges) come from pairs. */
    static Identities someIds(Random random, int customer) {
        String anonymous = "a" + customer + "-" + random.nextInt(2);
        return switch (random.nextInt(7)) {
            case 0, 1, 2 -> Identities.of(null, anonymous, null);
            case 3 -> Identities.of(null, null, "c" + customer + "@example.com");
            case 4 -> Identities.of(null, anonymous, "c" + customer + "@example.com");
            case 5 -> Identities.of("u" + customer, anonymous, null);
            default -> Identities.of("u" + customer, null, null);
        };
    }

    static Identities knownIds(Random random, int customer) {
        return switch (random.nextInt(3)) {
            case 0 -> Identities.of(null, null, "c" + customer + "@example.com");
            case 1 -> Identities.of("u" + customer, null, null);
            default -> Identities.of("u" + customer, null, "c" + customer + "@example.com");
        };
    }

    /**
     * What the workspace holds, profiles named by their identities (ids and creation times are the fold's own):
     * each profile's columns, fold state and timeline; where each event and order went; what waits; the merges.
     */
    Map<String, Object> view(String ws) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            Map<String, String> name = new HashMap<>();
            for (List<String> row : rows(c, "select p.id::text, coalesce(string_agg(i.kind || ':' || i.value, ',' order by i.kind, i.value), '') "
                    + "from profiles p left join identities i on i.profile_id = p.id where p.workspace_id = ? group by p.id", ws)) {
                name.put(row.get(0), row.get(1));
            }
            Map<String, Object> profiles = new TreeMap<>();
            for (List<String> row : rows(c, "select id::text, traits::text, orders_count::text, total_spent::text, "
                    + "first_order_date::text, last_order_date::text, emails_sent::text, version::text, last_event_id, state::text, "
                    + "(select string_agg(e.event_id, ',' order by e.event_id) from profile_events e where e.profile_id = p.id) "
                    + "from profiles p where workspace_id = ?", ws)) {
                profiles.put(name.get(row.get(0)), row.subList(1, row.size()));
            }
            out.put("profiles", profiles);
            out.put("processed", keyed(c, "select event_id, null from processed_events where workspace_id = ?", ws, name));
            out.put("orders", keyed(c, "select order_id || ' ' || event_id, profile_id::text from orders where workspace_id = ?", ws, name));
            out.put("waiting", keyed(c, "select order_id || ' ' || event_id, null from pending_order_events where workspace_id = ?", ws, name));
            out.put("merges", keyed(c, "select cause_event_id || ' ' || merged_id, survivor_id::text from profile_merges where workspace_id = ?",
                    ws, name).size());
        }
        return out;
    }

    private static Map<String, String> keyed(Connection c, String sql, String ws, Map<String, String> name) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (List<String> row : rows(c, sql, ws)) out.put(row.get(0), row.get(1) == null ? "-" : name.getOrDefault(row.get(1), "gone"));
        return out;
    }

    private static List<List<String>> rows(Connection c, String sql, String ws) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, ws);
            try (ResultSet rs = s.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) row.add(rs.getString(i));
                    out.add(row);
                }
            }
        }
        return out;
    }
}
