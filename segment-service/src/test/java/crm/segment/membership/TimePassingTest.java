package crm.segment.membership;

import crm.events.PresetSegments;
import crm.events.SegmentMembershipChanged;
import crm.events.SegmentMembershipChanged.Change;
import crm.segment.TestClock;
import crm.segment.Traffic;
import crm.segment.history.SizeHistory;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static crm.segment.Traffic.awaitBackfill;
import static crm.segment.Traffic.awaitChange;
import static crm.segment.Traffic.changesOf;
import static crm.segment.Traffic.newId;
import static crm.segment.Traffic.snapshot;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/** Memberships that flip only because time passed, by moving the injected clock and running the sweep. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class TimePassingTest {
    @Inject
    TimeSweep sweep;
    @Inject
    SizeHistory history;
    @Inject
    DataSource dataSource;
    @Inject
    SegmentReconciler reconciler;

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
    void one_sweep_enters_and_exits_each_profile_once_and_keeps_a_member_it_has_no_profile_for() throws Exception {
        String ws = newId("ws");
        String id = given().auth().oauth2(CrmTestInfra.apiToken(ws)).contentType("application/json")
                .body("{\"name\":\"Lapsing\",\"condition\":\"last_order_date < now - 90d and last_order_date > now - 120d\"}")
                .when().post("/v1/segments").then().statusCode(201).extract().path("id");
        awaitBackfill(ws, id);
        String entering = newId("p-entering"); // 89 days: enters in two days
        String exiting = newId("p-exiting"); // 119 days: a member now, out in two days
        String staying = newId("p-staying"); // 100 days: a member before and after
        String outside = newId("p-outside"); // 5 days: never
        Map<String, Integer> daysAgo = Map.of(entering, 89, exiting, 119, staying, 100, outside, 5);
        daysAgo.forEach((profile, days) -> snapshot(ws, profile, 1,
                Map.of("orders_count", 1, "last_order_date", TestClock.now().minus(Duration.ofDays(days)).toString())));
        awaitChange(exiting, id, Change.ENTERED);
        awaitChange(staying, id, Change.ENTERED);
        await().atMost(Traffic.WAIT).untilAsserted(() -> given().auth().oauth2(CrmTestInfra.apiToken(ws))
                .when().get("/v1/profiles/{id}/segments", outside).then().statusCode(200));
        await().atMost(Traffic.WAIT).untilAsserted(() -> given().auth().oauth2(CrmTestInfra.apiToken(ws))
                .when().get("/v1/profiles/{id}/segments", entering).then().statusCode(200));
        // a membership whose profile is not in the projection: nothing to judge it by, so it stays
        String unknown = newId("p-unknown");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into memberships (workspace_id, segment_id, profile_id, entered_at) values (?, ?, ?, now())")) {
            ps.setString(1, ws);
            ps.setString(2, id);
            ps.setString(3, unknown);
            ps.executeUpdate();
        }

        TestClock.advance(Duration.ofDays(2));
        // this segment alone (the workspace's presets read the clock too): one entry, one exit
        assertThat(reconciler.reconcile(ws, List.of(id), SegmentReconciler.TIME_PASSED)).isEqualTo(2);
        sweep.sweep(ws);

        assertThat(awaitChange(entering, id, Change.ENTERED).reason()).isEqualTo("time passed");
        assertThat(awaitChange(exiting, id, Change.EXITED).reason()).isEqualTo("time passed");
        assertThat(reconciler.reconcile(ws, List.of(id), SegmentReconciler.TIME_PASSED)).isZero();
        assertThat(changesOf(entering, id)).extracting(SegmentMembershipChanged::change).containsExactly(Change.ENTERED);
        assertThat(changesOf(exiting, id)).extracting(SegmentMembershipChanged::change).containsExactly(Change.ENTERED, Change.EXITED);
        assertThat(changesOf(staying, id)).extracting(SegmentMembershipChanged::change).containsExactly(Change.ENTERED);
        assertThat(changesOf(outside, id)).isEmpty();
        assertThat(changesOf(unknown, id)).isEmpty();
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).when().get("/v1/segments/{id}/members", id)
                .then().statusCode(200).body("items.profileId", containsInAnyOrder(entering, staying, unknown));
    }

    @Test
    void an_unknown_verdict_neither_enters_nor_exits() throws Exception {
        // ConditionSql coalesces every test, but should a condition ever be NULL the single scan must keep things as they are
        String ws = newId("ws");
        String id = given().auth().oauth2(CrmTestInfra.apiToken(ws)).contentType("application/json")
                .body("{\"name\":\"Buyers\",\"condition\":\"orders_count >= 1\"}")
                .when().post("/v1/segments").then().statusCode(201).extract().path("id");
        awaitBackfill(ws, id);
        String member = newId("p");
        String other = newId("p");
        snapshot(ws, member, 1, Map.of("orders_count", 1));
        snapshot(ws, other, 1, Map.of("orders_count", 0));
        awaitChange(member, id, Change.ENTERED);
        await().atMost(Traffic.WAIT).untilAsserted(() -> given().auth().oauth2(CrmTestInfra.apiToken(ws))
                .when().get("/v1/profiles/{id}/segments", other).then().statusCode(200));

        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SegmentReconciler.FLIPS.formatted("", "(null::boolean)"))) {
            ps.setString(1, id);
            ps.setString(2, ws);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a flip on an unknown verdict").isFalse();
            }
        }
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
