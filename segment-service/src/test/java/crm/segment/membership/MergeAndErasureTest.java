package crm.segment.membership;

import crm.events.PresetSegments;
import crm.events.ProfileErased;
import crm.events.ProfileMerged;
import crm.events.SegmentMembershipChanged;
import crm.events.SegmentMembershipChanged.Change;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static crm.segment.Traffic.WAIT;
import static crm.segment.Traffic.awaitChange;
import static crm.segment.Traffic.changesOf;
import static crm.segment.Traffic.newId;
import static crm.segment.Traffic.profileMessage;
import static crm.segment.Traffic.snapshot;
import static crm.segment.Traffic.snapshotBehind;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/** ProfileMerged moves memberships to the survivor and exits the merged profile; ProfileErased forgets the profile. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class MergeAndErasureTest {

    @Test
    void a_merge_moves_memberships_to_the_survivor_and_publishes_exits_for_the_merged_profile() {
        String ws = newId("ws");
        String survivor = newId("p");
        String merged = newId("p");
        String customers = PresetSegments.id(ws, PresetSegments.CUSTOMERS);
        String loyal = PresetSegments.id(ws, "loyal");
        snapshot(ws, survivor, 1, Map.of("orders_count", 1));
        snapshot(ws, merged, 1, Map.of("orders_count", 2, "email", "jane@example.com"));
        awaitChange(survivor, customers, Change.ENTERED);
        awaitChange(merged, loyal, Change.ENTERED);

        profileMessage(new ProfileMerged(ws, survivor, merged, Instant.now()));
        SegmentMembershipChanged exit = awaitChange(merged, loyal, Change.EXITED);
        assertThat(exit.reason()).isEqualTo("merged into " + survivor);
        assertThat(exit.profile()).containsEntry("email", "jane@example.com");
        awaitChange(merged, customers, Change.EXITED);

        given().auth().oauth2(CrmTestInfra.apiToken(ws)).when().get("/v1/profiles/{p}/segments", survivor)
                .then().statusCode(200).body("key", hasItems("customers", "loyal"));
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).when().get("/v1/profiles/{p}/segments", merged).then().statusCode(404);

        // the merge redelivered, and a late snapshot of the merged profile, change nothing; the survivor's snapshots
        // that follow on each partition are applied as usual and show both were consumed
        profileMessage(new ProfileMerged(ws, survivor, merged, Instant.now()));
        snapshot(ws, survivor, 2, Map.of("orders_count", 3, "lost_checkout_date", Instant.now().toString()));
        snapshot(ws, merged, 2, Map.of("orders_count", 5));
        snapshotBehind(merged, ws, survivor, 3, Map.of("orders_count", 3, "b2b", true));
        awaitChange(survivor, PresetSegments.id(ws, "lost_checkout"), Change.ENTERED);
        awaitChange(survivor, PresetSegments.id(ws, "b2b"), Change.ENTERED);
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).when().get("/v1/segments/{id}/members", loyal)
                .then().body("items.profileId", contains(survivor));
        assertThat(changesOf(merged, loyal)).extracting(SegmentMembershipChanged::change).containsExactly(Change.ENTERED, Change.EXITED);
        // no entry published for the survivor's moved Loyal membership: its runs move in journey-service
        assertThat(changesOf(survivor, loyal)).isEmpty();
    }

    @Test
    void an_erasure_drops_the_projection_and_the_memberships() {
        String ws = newId("ws");
        String profile = newId("p");
        String customers = PresetSegments.id(ws, PresetSegments.CUSTOMERS);
        snapshot(ws, profile, 1, Map.of("orders_count", 1, "email", "gone@example.com"));
        awaitChange(profile, customers, Change.ENTERED);

        profileMessage(new ProfileErased(ws, profile, Instant.now(), "api"));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(CrmTestInfra.apiToken(ws))
                .when().get("/v1/profiles/{p}/segments", profile).then().statusCode(404));
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).when().get("/v1/segments/{id}/members", customers)
                .then().body("items.profileId", not(hasItems(profile)));

        // a snapshot published before the erasure and delivered late does not bring the profile back
        snapshot(ws, profile, 2, Map.of("orders_count", 2, "email", "gone@example.com"));
        String marker = newId("p");
        snapshotBehind(profile, ws, marker, 1, Map.of("orders_count", 1));
        awaitChange(marker, customers, Change.ENTERED);
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).contentType("application/json").body("{\"condition\":\"email exists\"}")
                .when().post("/v1/segments/preview").then().statusCode(200).body("count", org.hamcrest.Matchers.equalTo(0));
        assertThat(changesOf(profile, customers)).extracting(SegmentMembershipChanged::change).containsExactly(Change.ENTERED);
    }
}
