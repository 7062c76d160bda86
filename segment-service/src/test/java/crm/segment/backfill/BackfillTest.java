package crm.segment.backfill;

import crm.events.PresetSegments;
import crm.events.SegmentMembershipChanged;
import crm.events.SegmentMembershipChanged.Change;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static crm.segment.Traffic.awaitBackfill;
import static crm.segment.Traffic.awaitChange;
import static crm.segment.Traffic.changesOf;
import static crm.segment.Traffic.newId;
import static crm.segment.Traffic.snapshot;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** Backfills are durable background jobs: what a crash interrupts is resumed where its last committed chunk ended. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class BackfillTest {
    @Inject
    DataSource dataSource;
    @Inject
    BackfillChunks chunks;

    @Test
    void a_worker_overtaken_by_an_edit_stops_and_the_new_request_runs_over_every_profile() {
        String ws = newId("ws");
        String once = "a-" + newId("p");
        String thrice = "b-" + newId("p");
        snapshot(ws, once, 1, Map.of("orders_count", 1));
        snapshot(ws, thrice, 1, Map.of("orders_count", 3));
        awaitChange(once, PresetSegments.id(ws, PresetSegments.CUSTOMERS), Change.ENTERED);
        awaitChange(thrice, PresetSegments.id(ws, PresetSegments.CUSTOMERS), Change.ENTERED);
        String id = given().auth().oauth2(CrmTestInfra.apiToken(ws)).contentType("application/json")
                .body("{\"name\":\"Two orders\",\"condition\":\"orders_count >= 2\"}")
                .when().post("/v1/segments").then().statusCode(201).extract().path("id");
        awaitBackfill(ws, id);
        // a worker still holding the first request (revision 1), slower than everyone
        BackfillRepository.Claim stale = new BackfillRepository.Claim(id, ws, 1);

        given().auth().oauth2(CrmTestInfra.apiToken(ws)).contentType("application/json")
                .body("{\"name\":\"Two orders\",\"condition\":\"orders_count >= 1\"}")
                .when().put("/v1/segments/{id}", id).then().statusCode(200);
        assertThat(chunks.next(stale)).isEqualTo(new BackfillChunks.Step(0, false));

        assertThat(awaitChange(once, id, Change.ENTERED).reason()).isEqualTo("backfill");
        awaitBackfill(ws, id);
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).when().get("/v1/segments/{id}", id).then()
                .body("memberCount", equalTo(2)).body("backfill.profiles", equalTo(2)).body("backfill.changes", equalTo(1));
        assertThat(changesOf(thrice, id)).extracting(SegmentMembershipChanged::change).containsExactly(Change.ENTERED);
    }

    @Test
    void a_backfill_interrupted_by_a_crash_resumes_after_its_last_committed_chunk() throws Exception {
        String ws = newId("ws");
        List<String> profiles = List.of("a-" + newId("p"), "b-" + newId("p"), "c-" + newId("p"));
        for (String p : profiles) snapshot(ws, p, 1, Map.of("orders_count", 2, "email", p + "@example.com"));
        for (String p : profiles) awaitChange(p, PresetSegments.id(ws, "loyal"), Change.ENTERED);

        // What a crash after the first chunk (profiles a and b, committed with the job's position) leaves behind: the
        // segment, its first two members, and the job running at b with the dead worker's lease run out.
        String id = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into segments (id, workspace_id, name, condition, reads_clock, created_at, updated_at)
                    values (?, ?, 'Two orders', 'orders_count >= 2', false, now() - interval '1 hour', now() - interval '1 hour')""")) {
                ps.setString(1, id);
                ps.setString(2, ws);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into memberships (workspace_id, segment_id, profile_id, entered_at) values (?, ?, ?, now())")) {
                for (String p : profiles.subList(0, 2)) {
                    ps.setString(1, ws);
                    ps.setString(2, id);
                    ps.setString(3, p);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into segment_backfills (segment_id, workspace_id, revision, status, after_profile, profiles, changes, attempts,
                                                   requested_at, started_at, lease_until)
                    values (?, ?, 1, 'running', ?, 2, 2, 1, now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 minute')""")) {
                ps.setString(1, id);
                ps.setString(2, ws);
                ps.setString(3, profiles.get(1));
                ps.executeUpdate();
            }
            c.commit();
        }

        SegmentMembershipChanged entered = awaitChange(profiles.get(2), id, Change.ENTERED);
        assertThat(entered.reason()).isEqualTo("backfill");
        assertThat(entered.segmentName()).isEqualTo("Two orders");
        awaitBackfill(ws, id);
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).when().get("/v1/segments/{id}", id).then().statusCode(200)
                .body("memberCount", equalTo(3)).body("backfill.profiles", equalTo(3)).body("backfill.changes", equalTo(3));
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).when().get("/v1/segments/{id}/members", id)
                .then().body("items.profileId", contains(profiles.toArray()));
        // the first chunk was not done again
        assertThat(changesOf(profiles.get(0), id)).isEmpty();
        assertThat(changesOf(profiles.get(1), id)).isEmpty();
    }
}
