package crm.profile.predictions;

import crm.events.CustomerEvent;
import crm.events.EventNames;
import crm.events.EventType;
import crm.events.Identities;
import crm.profile.Fixtures;
import crm.profile.traits.ProfileProbe;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Purchases of CDNOW_master.txt replayed as "Order Completed" events through the real broker (one producer, batched)
 * into the real consumer: each customer's orders_count, total_spent, first and last order dates equal what the file
 * says. Each row is one order (a customer may have several on one day), dated at the start of its UTC day.
 *
 * <p>The default run replays every master-file purchase of the 2,357 customers of the 1/10 sample (CDNOW_sample.txt
 * names their master ids): 6,919 events, which the set-based fold absorbs in seconds depending on the machine's
 * load. {@code -Dcrm.cdnow.replay=full} replays the whole file (69,659 rows, 23,570 customers); it takes about ten times
 * as long, kept out of the default suite (see the README).
 */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class CdnowReplayTest {
    private static final Logger LOG = Logger.getLogger(CdnowReplayTest.class);
    static final int ROWS = 69_659;
    static final int CUSTOMERS = 23_570;
    static final int SAMPLE_ROWS = 6_919;
    static final int SAMPLE_CUSTOMERS = 2_357;
    static final boolean FULL = "full".equals(System.getProperty("crm.cdnow.replay"));

    @Inject
    DataSource dataSource;

    /** What the file says about one customer. */
    static final class Expected {
        int orders;
        BigDecimal spent = BigDecimal.ZERO;
        Instant first;
        Instant last;
    }

    @Test
    void every_cdnow_purchase_replayed_through_the_broker_gives_each_customer_the_files_order_figures() throws Exception {
        String ws = "ws-cdnow-" + UUID.randomUUID();
        DateTimeFormatter yyyymmdd = DateTimeFormatter.BASIC_ISO_DATE;
        List<CustomerEvent> events = new ArrayList<>(ROWS);
        Map<String, Expected> expected = new LinkedHashMap<>();
        java.util.Set<Integer> sample = sampleCustomers();
        List<String> lines = Files.readAllLines(Fixtures.path("cdnow/CDNOW_master.txt"));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            // customer_id date number_of_cds dollar_value, whitespace-separated
            String[] f = line.trim().split("\\s+");
            String customer = f[0];
            if (!FULL && !sample.contains(Integer.parseInt(customer))) continue;
            Instant at = LocalDate.parse(f[1], yyyymmdd).atStartOfDay(ZoneOffset.UTC).toInstant();
            BigDecimal dollars = new BigDecimal(f[3]);
            String orderId = "cdnow-" + events.size();
            events.add(new CustomerEvent(orderId, ws, EventType.TRACK, EventNames.ORDER_COMPLETED,
                    Identities.of("cdnow-" + customer, null, null), null,
                    Map.of("order_id", orderId, "total", dollars, "quantity", Integer.parseInt(f[2]), "currency", "USD"),
                    null, at, at, "api", null));
            Expected e = expected.computeIfAbsent("cdnow-" + customer, k -> new Expected());
            e.orders++;
            e.spent = e.spent.add(dollars);
            e.first = e.first == null || at.isBefore(e.first) ? at : e.first;
            e.last = e.last == null || at.isAfter(e.last) ? at : e.last;
        }
        int rows = FULL ? ROWS : SAMPLE_ROWS;
        int customers = FULL ? CUSTOMERS : SAMPLE_CUSTOMERS;
        assertThat(events).hasSize(rows);
        assertThat(expected).hasSize(customers);
        assertThat(expected.values().stream().map(e -> e.spent).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(FULL ? "2500315.63" : "244091.94");

        long started = System.nanoTime();
        EventBatch.send(events);
        long sent = System.nanoTime();
        await().atMost(Duration.ofMinutes(FULL ? 60 : 10)).pollInterval(Duration.ofSeconds(1)).until(() -> ProfileProbe.rowsOf(dataSource, "processed_events", ws) == rows);
        long folded = System.nanoTime();
        LOG.infof("CDNOW replay (%s): %d events sent in %d ms, all folded after %d ms (%.0f events/s)", FULL ? "full" : "sample customers",
                rows, (sent - started) / 1_000_000, (folded - started) / 1_000_000, rows * 1e9 / (folded - started));

        Map<String, Expected> actual = new HashMap<>();
        Map<String, Map<String, String>> traits = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select i.value, p.orders_count, p.total_spent, p.first_order_date, p.last_order_date, "
                     + "p.traits ->> 'orders_count', p.traits ->> 'total_spent', p.traits ->> 'first_order_date', p.traits ->> 'last_order_date' "
                     + "from identities i join profiles p on p.id = i.profile_id where i.workspace_id = ? and i.kind = 'user_id'")) {
            s.setString(1, ws);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Expected a = new Expected();
                    a.orders = rs.getInt(2);
                    a.spent = rs.getBigDecimal(3);
                    a.first = rs.getObject(4, OffsetDateTime.class).toInstant();
                    a.last = rs.getObject(5, OffsetDateTime.class).toInstant();
                    actual.put(rs.getString(1), a);
                    traits.put(rs.getString(1), Map.of("orders_count", rs.getString(6), "total_spent", rs.getString(7),
                            "first_order_date", rs.getString(8), "last_order_date", rs.getString(9)));
                }
            }
        }
        assertThat(actual).hasSize(customers);
        List<String> mismatches = new ArrayList<>();
        expected.forEach((customer, e) -> {
            Expected a = actual.get(customer);
            Map<String, String> t = traits.get(customer);
            boolean same = a != null && a.orders == e.orders && a.spent.compareTo(e.spent) == 0 && a.first.equals(e.first) && a.last.equals(e.last)
                    && t.get("orders_count").equals(String.valueOf(e.orders)) && new BigDecimal(t.get("total_spent")).compareTo(e.spent) == 0
                    && t.get("first_order_date").equals(e.first.toString()) && t.get("last_order_date").equals(e.last.toString());
            if (!same) mismatches.add(customer);
        });
        assertThat(mismatches).as("customers whose figures differ from the file").isEmpty();
    }

    /** The master ids of the customers of the 1/10 sample (first column of CDNOW_sample.txt). */
    static java.util.Set<Integer> sampleCustomers() throws IOException {
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        for (String line : Files.readAllLines(Fixtures.path("cdnow/CDNOW_sample.txt"))) {
            if (!line.isBlank()) ids.add(Integer.parseInt(line.trim().split("\\s+")[0]));
        }
        return ids;
    }
}
