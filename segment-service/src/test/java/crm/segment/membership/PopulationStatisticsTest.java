package crm.segment.membership;

import crm.events.PresetSegments;
import crm.events.SegmentMembershipChanged;
import crm.events.SegmentMembershipChanged.Change;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static crm.segment.Traffic.WAIT;
import static crm.segment.Traffic.awaitChange;
import static crm.segment.Traffic.changesOf;
import static crm.segment.Traffic.newId;
import static crm.segment.Traffic.snapshot;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;

/** Percentile thresholds, averages and RFM quintiles: computed on demand, and what moves with them is published. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class PopulationStatisticsTest {

    private static List<String> customersWithEngagement(String ws, int... scores) {
        List<String> profiles = new ArrayList<>();
        for (int score : scores) {
            String p = String.format("p%03d-", score) + newId("p");
            snapshot(ws, p, 1, Map.of("orders_count", 1, "total_spent", score * 10, "average_basket", score * 10,
                    "engagement_score", score, "last_order_date", "2025-01-" + String.format("%02d", 1 + score % 28) + "T00:00:00Z"));
            profiles.add(p);
        }
        profiles.forEach(p -> awaitChange(p, PresetSegments.id(ws, PresetSegments.CUSTOMERS), Change.ENTERED));
        return profiles;
    }

    private static io.restassured.response.ValidatableResponse refresh(String ws) {
        return given().auth().oauth2(CrmTestInfra.apiToken(ws)).when().post("/v1/segments/statistics/refresh").then().statusCode(200);
    }

    @Test
    void fans_enter_when_thresholds_are_computed_and_move_when_the_population_changes() {
        String ws = newId("ws");
        String fans = PresetSegments.id(ws, "fans");
        List<String> first = customersWithEngagement(ws, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        // no statistics yet: nobody is a fan
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).when().get("/v1/segments/{id}/members", fans).then().body("items", hasSize(0));

        // the 90th percentile of 1..10 is 9: only 10 is above it
        refresh(ws).body("changed", equalTo(true))
                .body("statistics.tops.'engagement_score:10'.threshold", equalTo(9))
                .body("statistics.averages.average_basket", equalTo(55))
                .body("statistics.rfm.rfm_frequency", hasSize(4));
        SegmentMembershipChanged ten = awaitChange(first.get(9), fans, Change.ENTERED);
        assertThat(ten.reason()).isEqualTo("statistics changed");
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).when().get("/v1/segments/{id}/members", fans)
                .then().body("items.profileId", containsInAnyOrder(first.get(9)));

        // two far more engaged customers arrive: above the current threshold, they enter on their own change...
        List<String> second = customersWithEngagement(ws, 20, 30);
        assertThat(awaitChange(second.get(0), fans, Change.ENTERED).reason()).isEqualTo("orders_count >= 1 and engagement_score in top 10%");
        awaitChange(second.get(1), fans, Change.ENTERED);
        // ...and once the statistics are refreshed the threshold is 20: 10 and 20 are no longer in the top 10 %
        refresh(ws).body("changed", equalTo(true)).body("statistics.tops.'engagement_score:10'.threshold", equalTo(20))
                .body("membershipChanges", greaterThanOrEqualTo(2)); // Fans, and the RFM, VIP and High-value presets moved too
        assertThat(awaitChange(first.get(9), fans, Change.EXITED).reason()).isEqualTo("statistics changed");
        assertThat(awaitChange(second.get(0), fans, Change.EXITED).reason()).isEqualTo("statistics changed");
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).when().get("/v1/segments/{id}/members", fans)
                .then().body("items.profileId", containsInAnyOrder(second.get(1)));

        // nothing moved: nothing published
        refresh(ws).body("changed", equalTo(false)).body("membershipChanges", equalTo(0));
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).when().get("/v1/segments/statistics")
                .then().statusCode(200).body("statistics.tops.'engagement_score:10'.threshold", equalTo(20));
        assertThat(changesOf(first.get(9), fans)).hasSize(2);
        assertThat(changesOf(second.get(1), fans)).hasSize(1);
    }

    @Test
    void high_value_and_vip_follow_the_workspace_average_and_top_spenders() {
        String ws = newId("ws");
        List<String> customers = customersWithEngagement(ws, 1, 2, 3, 4, 5, 6, 7, 8, 9, 30);
        refresh(ws);
        // average basket (10..90, 300) = 75: above 112.5 is only the 300 one; VIP: total_spent 300 is the top 10 %
        assertThat(awaitChange(customers.get(9), PresetSegments.id(ws, "high_value"), Change.ENTERED).reason()).isEqualTo("statistics changed");
        awaitChange(customers.get(9), PresetSegments.id(ws, "vip"), Change.ENTERED);
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).when().get("/v1/segments/{id}/members", PresetSegments.id(ws, "high_value"))
                .then().body("items", hasSize(1));
    }

    @Test
    void a_new_segment_reading_statistics_gets_them_computed_before_its_backfill() {
        String ws = newId("ws");
        List<String> customers = customersWithEngagement(ws, 1, 2, 3, 4);
        String id = given().auth().oauth2(CrmTestInfra.apiToken(ws)).contentType("application/json")
                .body("{\"name\":\"Top half\",\"condition\":\"engagement_score in top 50%\"}")
                .when().post("/v1/segments").then().statusCode(201)
                .body("readsStatistics", equalTo(true)).extract().path("id");
        awaitChange(customers.get(2), id, Change.ENTERED);
        awaitChange(customers.get(3), id, Change.ENTERED);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(CrmTestInfra.apiToken(ws))
                .when().get("/v1/segments/statistics").then().statusCode(200)
                .body("statistics.tops.'engagement_score:50'.threshold", equalTo(2)));
    }
}
