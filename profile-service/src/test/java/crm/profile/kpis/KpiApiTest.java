package crm.profile.kpis;

import crm.events.CustomerEvent;
import crm.events.EventNames;
import crm.events.Identities;
import crm.profile.Events;
import crm.profile.TestClock;
import crm.profile.predictions.EventBatch;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Workspace KPIs over profiles built through the real broker, at the injected clock's "now". */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class KpiApiTest {
    static final Duration DAY = Duration.ofDays(1);

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static CustomerEvent order(String ws, String email, String orderId, String total, Instant at) {
        return Events.track(ws, Identities.of(null, null, email), EventNames.ORDER_COMPLETED,
                Map.of("order_id", orderId, "total", new BigDecimal(total), "currency", "EUR"), at);
    }

    static JsonPath kpis(String ws) {
        return given().auth().oauth2(CrmTestInfra.apiToken(ws)).get("/v1/kpis").then().statusCode(200).extract().jsonPath();
    }

    static BigDecimal decimal(JsonPath j, String path) {
        return new BigDecimal(j.getString(path));
    }

    @Test
    void kpis_follow_the_definitions_and_move_with_the_clock() {
        String ws = "ws-" + UUID.randomUUID();
        Instant now = Instant.now();
        List<CustomerEvent> events = new ArrayList<>();
        // a: came back after 20 days, last order 180 days ago (churned).
        events.add(order(ws, "a@example.com", "a1", "100.00", now.minus(DAY.multipliedBy(200))));
        events.add(order(ws, "a@example.com", "a2", "50.00", now.minus(DAY.multipliedBy(180))));
        // b: came back after 45 days, and again.
        events.add(order(ws, "b@example.com", "b1", "30.00", now.minus(DAY.multipliedBy(100))));
        events.add(order(ws, "b@example.com", "b2", "30.00", now.minus(DAY.multipliedBy(55))));
        events.add(order(ws, "b@example.com", "b3", "40.00", now.minus(DAY.multipliedBy(10))));
        // c: one order 20 days ago, too young for any repeat window.
        events.add(order(ws, "c@example.com", "c1", "20.00", now.minus(DAY.multipliedBy(20))));
        // d: one order 95 days ago; a second one 60 days ago was cancelled, so it never counts.
        events.add(order(ws, "d@example.com", "d1", "60.00", now.minus(DAY.multipliedBy(95))));
        events.add(order(ws, "d@example.com", "d2", "500.00", now.minus(DAY.multipliedBy(60))));
        events.add(Events.track(ws, Identities.of(null, null, "d@example.com"), EventNames.ORDER_CANCELLED,
                Map.of("order_id", "d2"), now.minus(DAY.multipliedBy(59))));
        // A lead: known, never ordered, so not a customer.
        events.add(Events.identify(ws, Identities.of(null, null, "lead@example.com"), Map.of("first_name", "Lee")));
        EventBatch.send(events);

        JsonPath k = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> kpis(ws), j -> j.getInt("customers") == 4 && j.getInt("orders") == 7
                        && decimal(j, "revenue").compareTo(new BigDecimal("330.00")) == 0);

        assertThat(k.getString("workspaceId")).isEqualTo(ws);
        assertThat(decimal(k, "repeatPurchaseRate")).isEqualByComparingTo("0.5");
        assertThat(decimal(k, "averageOrderValue")).isEqualByComparingTo("47.14");
        assertThat(decimal(k, "averageLtv")).isEqualByComparingTo("82.50");
        assertThat(k.getInt("churnAfterDays")).isEqualTo(120);
        assertThat(decimal(k, "churnRate")).isEqualByComparingTo("0.25");
        assertThat(k.getList("repeatWithin.days", Integer.class)).containsExactly(30, 60, 90);
        assertThat(k.getList("repeatWithin.cohort", Integer.class)).containsExactly(3, 3, 3);
        assertThat(k.getList("repeatWithin.repeated", Integer.class)).containsExactly(1, 2, 2);
        assertThat(decimal(k, "repeatWithin[0].rate")).isEqualByComparingTo("0.3333");
        assertThat(decimal(k, "repeatWithin[1].rate")).isEqualByComparingTo("0.6667");

        // 30 days later with no new order: d (125 days) churns too, and c joins the 30-day cohort.
        clock.advance(DAY.multipliedBy(30));
        JsonPath later = kpis(ws);
        assertThat(decimal(later, "churnRate")).isEqualByComparingTo("0.5");
        assertThat(later.getList("repeatWithin.cohort", Integer.class)).containsExactly(4, 3, 3);
        assertThat(decimal(later, "repeatWithin[0].rate")).isEqualByComparingTo("0.25");
    }

    @Test
    void a_workspace_without_customers_answers_zeros_and_no_rates() {
        String ws = "ws-" + UUID.randomUUID();
        JsonPath k = kpis(ws);
        assertThat(k.getInt("customers")).isZero();
        assertThat(k.getString("repeatPurchaseRate")).isNull();
        assertThat(k.getString("churnRate")).isNull();
    }

    @Test
    void kpis_need_the_workspace_token() {
        given().get("/v1/kpis").then().statusCode(401).contentType("application/problem+json");
    }
}
