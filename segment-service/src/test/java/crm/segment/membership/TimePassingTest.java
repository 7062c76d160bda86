package crm.segment.membership;

import crm.events.PresetSegments;
import crm.events.SegmentMembershipChanged;
import crm.events.SegmentMembershipChanged.Change;
import crm.segment.TestClock;
import crm.segment.history.SizeHistory;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static crm.segment.Traffic.awaitBackfill;
import static crm.segment.Traffic.awaitChange;
import static crm.segment.Traffic.changesOf;
import static crm.segment.Traffic.newId;
import static crm.segment.Traffic.snapshot;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** Memberships that flip only because time passed, by moving the injected clock and running the sweep. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class TimePassingTest {
    @Inject
    TimeSweep sweep;
    @Inject
    SizeHistory history;

    @AfterEach
    void putTimeBack() {
        TestClock.reset();
    }

    @Test
    void a_signup_leaves_welcome_once_15_days_have_passed_without_any_event() {
        String ws = newId("ws");
        String profile = newId("p");
        String welcome = PresetSegments.id(ws, "welcome");
        snapshot(ws, profile, 1, Map.of("signup_date", TestClock.now().minus(Duration.ofDays(14)).toString()));
        SegmentMembershipChanged entered = awaitChange(profile, welcome, Change.ENTERED);
        assertThat(entered.reason()).isEqualTo("signup_date > now - 15d");

        sweep.sweep(ws);
        assertThat(changesOf(profile, welcome)).hasSize(1); // nothing is due yet

        TestClock.advance(Duration.ofDays(1).plusMinutes(1));
        sweep.sweep();

        SegmentMembershipChanged exited = awaitChange(profile, welcome, Change.EXITED);
        assertThat(exited.reason()).isEqualTo("time passed");
        assertThat(exited.profileVersion()).isEqualTo(1);
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).when().get("/v1/segments/{id}/members", welcome)
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void a_customer_enters_churned_when_the_last_order_becomes_3_months_old() {
        String ws = newId("ws");
        String profile = newId("p");
        String churned = PresetSegments.id(ws, "churned");
        String recent = PresetSegments.id(ws, "recent_customers");
        snapshot(ws, profile, 1, Map.of("orders_count", 1, "last_order_date", TestClock.now().minus(Duration.ofDays(5)).toString()));
        awaitChange(profile, recent, Change.ENTERED);

        TestClock.advance(Duration.ofDays(5).plusHours(1));
        sweep.sweep(ws);
        assertThat(awaitChange(profile, recent, Change.EXITED).reason()).isEqualTo("time passed");

        TestClock.advance(Duration.ofDays(100));
        sweep.sweep(ws);
        assertThat(awaitChange(profile, churned, Change.ENTERED).reason()).isEqualTo("time passed");
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).when().get("/v1/segments/{id}/members", churned)
                .then().body("items.profileId", contains(profile));
        // a second sweep at the same time changes nothing
        assertThat(sweep.sweep(ws)).isZero();
    }

    @Test
    void a_lost_checkout_leaves_after_2_hours() {
        String ws = newId("ws");
        String profile = newId("p");
        String lost = PresetSegments.id(ws, "lost_checkout");
        snapshot(ws, profile, 1, Map.of("lost_checkout_date", TestClock.now().minus(Duration.ofMinutes(10)).toString()));
        awaitChange(profile, lost, Change.ENTERED);

        TestClock.advance(Duration.ofMinutes(111));
        sweep.sweep(ws);
        assertThat(awaitChange(profile, lost, Change.EXITED).reason()).isEqualTo("time passed");
    }

    @Test
    void a_segment_referencing_a_time_based_one_is_swept_too() {
        String ws = newId("ws");
        String profile = newId("p");
        snapshot(ws, profile, 1, Map.of("orders_count", 2, "signup_date", TestClock.now().minus(Duration.ofDays(14)).toString()));
        awaitChange(profile, PresetSegments.id(ws, "welcome"), Change.ENTERED);
        String id = given().auth().oauth2(CrmTestInfra.apiToken(ws)).contentType("application/json")
                .body("{\"name\":\"Settled customers\",\"condition\":\"in segment key \\\"customers\\\" and not (in segment key \\\"welcome\\\")\"}")
                .when().post("/v1/segments").then().statusCode(201).extract().path("id");
        awaitBackfill(ws, id); // before time moves, so its one entry is the sweep's
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).when().get("/v1/segments/{id}", id).then().body("memberCount", equalTo(0));

        TestClock.advance(Duration.ofDays(2));
        sweep.sweep();
        assertThat(awaitChange(profile, id, Change.ENTERED).reason()).isEqualTo("time passed");
    }

    @Test
    void history_keeps_one_size_per_day() {
        String ws = newId("ws");
        String profile = newId("p");
        String customers = PresetSegments.id(ws, PresetSegments.CUSTOMERS);
        snapshot(ws, profile, 1, Map.of("orders_count", 1));
        awaitChange(profile, customers, Change.ENTERED);
        history.record();
        String firstDay = history.today().toString();
        TestClock.advance(Duration.ofDays(1));
        snapshot(ws, profile, 2, Map.of("orders_count", 0));
        awaitChange(profile, customers, Change.EXITED);

        given().auth().oauth2(CrmTestInfra.apiToken(ws)).when().get("/v1/segments/{id}/history", customers)
                .then().statusCode(200)
                .body("days.day", contains(firstDay, history.today().toString()))
                .body("days.size", contains(1, 0));
    }
}
