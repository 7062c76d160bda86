package crm.segment.definition;

import crm.events.PresetSegments;
import crm.events.SegmentMembershipChanged.Change;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;

import static crm.segment.Traffic.awaitChange;
import static crm.segment.Traffic.newId;
import static crm.segment.Traffic.snapshot;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/** Presets added in later versions of the list reach workspaces created before, once, around what they changed. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class PresetUpgradeTest {
    @Inject
    DataSource dataSource;
    @Inject
    PresetSegmentsSetup presets;
    @Inject
    PresetVersions versions;

    private static RequestSpecification as(String ws) {
        return given().auth().oauth2(CrmTestInfra.apiToken(ws)).contentType("application/json");
    }

    /** A workspace of version 1 (Customers alone), which edited Customers and wrote its own "Loyal", with one profile. */
    private void workspaceOfVersion1(String ws, String profile) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into workspace_presets (workspace_id, version, updated_at) values (?, 1, now())")) {
                ps.setString(1, ws);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into segments (id, workspace_id, preset_key, name, condition, reads_clock, created_at, updated_at)
                    values (?, ?, ?, ?, ?, false, now(), now())""")) {
                for (String[] s : new String[][]{{PresetSegments.id(ws, PresetSegments.CUSTOMERS), PresetSegments.CUSTOMERS, "Customers",
                        "orders_count >= 5"}, {UUID.randomUUID().toString(), null, "Loyal", "b2b = true"}}) {
                    ps.setString(1, s[0]);
                    ps.setString(2, ws);
                    ps.setString(3, s[1]);
                    ps.setString(4, s[2]);
                    ps.setString(5, s[3]);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into profile_projection (workspace_id, profile_id, version, traits, facts)
                    values (?, ?, 1, '{"orders_count": 2}', '{"orders_count": 2}')""")) {
                ps.setString(1, ws);
                ps.setString(2, profile);
                ps.executeUpdate();
            }
            c.commit();
        }
    }

    @Test
    void presets_added_since_a_workspaces_version_reach_it_once_around_what_it_deleted_or_edited() throws Exception {
        String ws = newId("ws");
        String profile = newId("p");
        workspaceOfVersion1(ws, profile);

        assertThat(presets.upgradeAll()).isGreaterThanOrEqualTo(21);
        // 21 new presets: the preset Loyal gives way to the workspace's own segment of that name
        as(ws).when().get("/v1/segments").then().statusCode(200).body("size()", equalTo(23))
                .body("name", hasItems("Welcome", "Repeat buyers", "RFM Champions", "Churned (120+ days)"))
                .body("find { it.name == 'Customers' }.condition", equalTo("orders_count >= 5"))
                .body("find { it.name == 'Loyal' }.key", equalTo(null))
                .body("find { it.name == 'Loyal' }.condition", equalTo("b2b = true"));
        // the workspace's profiles are backfilled into the new presets
        String repeat = PresetSegments.id(ws, "repeat_buyers");
        assertThat(awaitChange(profile, repeat, Change.ENTERED).reason()).isEqualTo("backfill");

        // once: a preset deleted afterwards is not re-created, neither by another upgrade nor by a profile change
        as(ws).when().delete("/v1/segments/{id}", PresetSegments.id(ws, "welcome")).then().statusCode(204);
        assertThat(presets.upToDate(ws)).isEmpty();
        snapshot(ws, profile, 2, Map.of("orders_count", 2, "b2b", true));
        awaitChange(profile, PresetSegments.id(ws, "b2b"), Change.ENTERED);
        as(ws).when().get("/v1/segments").then().body("size()", equalTo(22)).body("name", not(hasItem("Welcome")));
    }

    @Test
    void a_new_workspace_gets_every_preset_on_its_first_profile_and_is_recorded_as_current() {
        String ws = newId("ws");
        String profile = newId("p");
        snapshot(ws, profile, 1, Map.of("orders_count", 1));
        awaitChange(profile, PresetSegments.id(ws, PresetSegments.CUSTOMERS), Change.ENTERED);
        as(ws).when().get("/v1/segments").then().body("size()", equalTo(Presets.DEFINITIONS.size()));
        assertThat(versions.of(ws)).isEqualTo(Presets.VERSION);
    }
}
