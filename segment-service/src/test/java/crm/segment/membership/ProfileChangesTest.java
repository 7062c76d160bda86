package crm.segment.membership;

import crm.events.Json;
import crm.events.PresetSegments;
import crm.events.SegmentMembershipChanged;
import crm.events.SegmentMembershipChanged.Change;
import crm.events.Topics;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static crm.segment.Traffic.WAIT;
import static crm.segment.Traffic.awaitChange;
import static crm.segment.Traffic.changesOf;
import static crm.segment.Traffic.newId;
import static crm.segment.Traffic.snapshot;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class ProfileChangesTest {

    @Test
    void customer_with_an_order_enters_customers() {
        String ws = newId("ws");
        String profile = newId("p");
        String customers = PresetSegments.id(ws, PresetSegments.CUSTOMERS);

        snapshot(ws, profile, 1, Map.of("orders_count", 1, "email", "jane@example.com", "total_spent", new BigDecimal("49.90")));

        SegmentMembershipChanged entered = awaitChange(profile, customers, Change.ENTERED);
        assertThat(entered.profileVersion()).isEqualTo(1);
        assertThat(entered.id()).isNotBlank();
        assertThat(entered.workspaceId()).isEqualTo(ws);
        assertThat(entered.segmentId()).isEqualTo(customers);
        assertThat(entered.segmentName()).isEqualTo("Customers");
        assertThat(entered.reason()).isEqualTo("orders_count >= 1");
        assertThat(entered.at()).isNotNull();
        assertThat(entered.profile()).containsEntry("email", "jane@example.com").containsEntry("total_spent", new BigDecimal("49.90"));

        given().auth().oauth2(CrmTestInfra.apiToken(ws))
                .when().get("/v1/segments/{id}/members", customers)
                .then().statusCode(200)
                .body("items.profileId", contains(profile))
                .body("items[0].enteredAt", notNullValue())
                .body("next", equalTo(null));
        given().auth().oauth2(CrmTestInfra.apiToken(ws))
                .when().get("/v1/segments")
                .then().statusCode(200)
                .body("find { it.key == 'customers' }.memberCount", equalTo(1));
    }

    @Test
    void customer_back_to_zero_orders_exits_customers() {
        String ws = newId("ws");
        String profile = newId("p");

        snapshot(ws, profile, 1, Map.of("orders_count", 1));
        awaitChange(profile, Change.ENTERED, 1);
        snapshot(ws, profile, 2, Map.of("orders_count", 0));

        SegmentMembershipChanged exited = awaitChange(profile, PresetSegments.id(ws, PresetSegments.CUSTOMERS), Change.EXITED);
        assertThat(exited.profileVersion()).isEqualTo(2);
        assertThat(exited.reason()).isEqualTo("orders_count >= 1");
        given().auth().oauth2(CrmTestInfra.apiToken(ws))
                .when().get("/v1/segments/{id}/members", PresetSegments.id(ws, PresetSegments.CUSTOMERS))
                .then().statusCode(200).body("items", empty());
    }

    @Test
    void the_same_version_redelivered_publishes_nothing_twice() {
        String ws = newId("ws");
        String profile = newId("p");

        snapshot(ws, profile, 1, Map.of("orders_count", 1));
        snapshot(ws, profile, 1, Map.of("orders_count", 1));
        // A later change on the same partition: once it is out, anything the redelivery caused would be out too.
        snapshot(ws, profile, 2, Map.of("orders_count", 0));
        awaitChange(profile, PresetSegments.id(ws, PresetSegments.CUSTOMERS), Change.EXITED);

        assertThat(changesOf(profile, PresetSegments.id(ws, PresetSegments.CUSTOMERS))).extracting(SegmentMembershipChanged::change, SegmentMembershipChanged::profileVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Change.ENTERED, 1L), org.assertj.core.groups.Tuple.tuple(Change.EXITED, 2L));
    }

    @Test
    void an_older_version_is_ignored() {
        String ws = newId("ws");
        String profile = newId("p");

        snapshot(ws, profile, 2, Map.of("orders_count", 1));
        awaitChange(profile, Change.ENTERED, 2);
        snapshot(ws, profile, 1, Map.of("orders_count", 0));
        snapshot(ws, profile, 3, Map.of("orders_count", 0));
        awaitChange(profile, PresetSegments.id(ws, PresetSegments.CUSTOMERS), Change.EXITED);

        // Had version 1 been applied, the exit would carry version 1 and version 3 would change nothing.
        assertThat(changesOf(profile, PresetSegments.id(ws, PresetSegments.CUSTOMERS))).extracting(SegmentMembershipChanged::change, SegmentMembershipChanged::profileVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Change.ENTERED, 2L), org.assertj.core.groups.Tuple.tuple(Change.EXITED, 3L));
    }

    @Test
    void a_profile_without_orders_enters_nothing_but_its_workspace_gets_its_presets() {
        String ws = newId("ws");
        snapshot(ws, newId("p"), 1, Map.of("email", "a@b.c"));

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(CrmTestInfra.apiToken(ws))
                .when().get("/v1/segments")
                .then().statusCode(200)
                .body("size()", equalTo(23))
                .body("key", hasItems("customers", "welcome", "lost_checkout", "rfm_champions", "churned_120d"))
                .body("memberCount", everyItem(equalTo(0))));
    }

    @Test
    void an_unreadable_snapshot_is_dead_lettered_and_does_not_block_the_partition() {
        String ws = newId("ws");
        String profile = newId("p");
        String garbage = "{not json " + profile;

        CrmTestInfra.kafka().send(Topics.PROFILES, profile, garbage);
        snapshot(ws, profile, 1, Map.of("orders_count", 5));

        awaitChange(profile, Change.ENTERED, 1);
        var dead = CrmTestInfra.kafka().await("crm.dlq.v1", r -> garbage.equals(r.value()), WAIT);
        assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("ProfileMessage");
    }

    @Test
    void membership_changes_are_valid_contract_json() {
        String ws = newId("ws");
        String profile = newId("p");
        snapshot(ws, profile, 4, Map.of("orders_count", 2));

        var record = CrmTestInfra.kafka().await(Topics.SEGMENTS, r -> profile.equals(r.key()), WAIT);
        assertThat(record.value()).contains("\"change\":\"entered\"", "\"profileVersion\":4");
        assertThat(Json.read(record.value(), SegmentMembershipChanged.class).profileId()).isEqualTo(profile);
    }
}
