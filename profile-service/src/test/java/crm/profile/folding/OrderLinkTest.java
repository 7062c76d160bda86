package crm.profile.folding;

import crm.events.CustomerEvent;
import crm.events.ProfileChanged;
import crm.profile.ShopifyEvents;
import crm.profile.TestClock;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import static crm.profile.traits.ProfileProbe.awaitProfile;
import static crm.profile.traits.ProfileProbe.awaitPublished;
import static crm.profile.traits.ProfileProbe.get;
import static crm.profile.traits.ProfileProbe.rowsOf;
import static crm.profile.traits.ProfileProbe.sendAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shopify refunds/create and orders/delete name only the order: the real fixtures, mapped as ingest maps them, still
 * correct the customer's profile through the order id, whichever arrives first.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class OrderLinkTest {
    @Inject
    DataSource db;
    @Inject
    TestClock clock;
    @Inject
    WaitingCorrectionExpiry expiry;

    @Test
    void a_refund_and_a_deletion_naming_only_the_order_correct_the_customer_who_placed_it() {
        String ws = "ws-" + UUID.randomUUID();
        CustomerEvent order = ShopifyEvents.orderCreated(ws);
        sendAndAwait(db, order);
        JsonPath placed = awaitProfile(ws, "email", "jon@example.com", p -> p.getInt("traits.orders_count") == 1);
        assertThat(new BigDecimal(placed.getString("traits.total_spent"))).isEqualByComparingTo("404.95");
        String id = placed.getString("id");

        CustomerEvent refund = ShopifyEvents.refundCreated(ws);
        assertThat(refund.identities().isEmpty()).isTrue();
        sendAndAwait(db, refund);
        JsonPath refunded = awaitProfile(ws, "email", "jon@example.com",
                p -> new BigDecimal(p.getString("traits.total_spent")).compareTo(new BigDecimal("319.95")) == 0);
        assertThat(refunded.getInt("traits.orders_count")).isEqualTo(1);
        assertThat(refunded.getString("id")).isEqualTo(id);
        awaitPublished(id, ProfileChanged.class, c -> "319.95".equals(String.valueOf(c.traits().get("total_spent"))));
        assertThat(get(ws, "/v1/profiles/" + id + "/events").getList("events.id")).contains(refund.id());

        sendAndAwait(db, ShopifyEvents.orderDeleted(ws));
        JsonPath cancelled = awaitProfile(ws, "email", "jon@example.com", p -> p.getInt("traits.orders_count") == 0);
        assertThat(new BigDecimal(cancelled.getString("traits.total_spent"))).isEqualByComparingTo("0");
        assertThat(cancelled.getMap("traits")).doesNotContainKey("last_order_date");
    }

    @Test
    void a_refund_that_arrives_before_its_order_waits_for_it_and_then_counts() {
        String ws = "ws-" + UUID.randomUUID();
        CustomerEvent refund = ShopifyEvents.refundCreated(ws);
        sendAndAwait(db, refund);
        sendAndAwait(db, ShopifyEvents.orderCreated(ws));

        JsonPath p = awaitProfile(ws, "email", "jon@example.com", j -> j.getInt("traits.orders_count") == 1);
        assertThat(new BigDecimal(p.getString("traits.total_spent"))).isEqualByComparingTo("319.95");
        assertThat(get(ws, "/v1/profiles/" + p.getString("id") + "/events").getList("events.id")).contains(refund.id());
    }

    @Test
    void a_refund_whose_order_never_arrives_is_dropped_after_the_retention_and_the_order_then_counts_in_full() throws SQLException {
        String stale = "ws-" + UUID.randomUUID();
        String recent = "ws-" + UUID.randomUUID();
        try {
            sendAndAwait(db, ShopifyEvents.refundCreated(stale));
            clock.advance(Duration.ofDays(31));
            sendAndAwait(db, ShopifyEvents.refundCreated(recent));
            assertThat(waiting(stale)).isEqualTo(1);

            assertThat(expiry.run()).isGreaterThanOrEqualTo(1);
            assertThat(waiting(stale)).isZero();
            assertThat(waiting(recent)).as("a refund waiting for less than the retention stays").isEqualTo(1);

            sendAndAwait(db, ShopifyEvents.orderCreated(stale));
            JsonPath p = awaitProfile(stale, "email", "jon@example.com", j -> j.getInt("traits.orders_count") == 1);
            assertThat(new BigDecimal(p.getString("traits.total_spent"))).isEqualByComparingTo("404.95");
        } finally {
            clock.reset();
        }
    }

    private long waiting(String ws) throws SQLException {
        return rowsOf(db, "pending_order_events", ws);
    }
}
