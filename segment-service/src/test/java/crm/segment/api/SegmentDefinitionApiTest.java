package crm.segment.api;

import crm.events.PresetSegments;
import crm.events.SegmentMembershipChanged;
import crm.events.SegmentMembershipChanged.Change;
import crm.segment.history.SizeHistory;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static crm.segment.Traffic.WAIT;
import static crm.segment.Traffic.awaitBackfill;
import static crm.segment.Traffic.awaitChange;
import static crm.segment.Traffic.changesOf;
import static crm.segment.Traffic.newId;
import static crm.segment.Traffic.snapshot;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class SegmentDefinitionApiTest {
    @Inject
    SizeHistory history;

    private static RequestSpecification as(String ws) {
        return given().auth().oauth2(CrmTestInfra.apiToken(ws)).contentType("application/json");
    }

    /** Three profiles that spent 0, 150 and 900, all applied: returned in profile id order. */
    private static String[] workspaceWithSpenders(String ws) {
        String none = "a-" + newId("p");
        String some = "b-" + newId("p");
        String lots = "c-" + newId("p");
        snapshot(ws, none, 1, Map.of("orders_count", 0, "total_spent", 0, "email", "none@example.com"));
        snapshot(ws, some, 1, Map.of("orders_count", 1, "total_spent", new BigDecimal("150"), "email", "some@example.com",
                "first_name", "Some, \"quoted\""));
        snapshot(ws, lots, 1, Map.of("orders_count", 3, "total_spent", new BigDecimal("900"), "email", "=lots@example.com"));
        await().atMost(WAIT).untilAsserted(() -> as(ws).body("{\"condition\":\"email exists\"}")
                .when().post("/v1/segments/preview").then().statusCode(200).body("count", equalTo(3)));
        return new String[]{none, some, lots};
    }

    @Test
    void a_new_segment_is_backfilled_over_every_profile_and_publishes_its_entries() {
        String ws = newId("ws");
        String[] p = workspaceWithSpenders(ws);

        String id = as(ws).body("{\"name\":\"Big spenders\",\"condition\":\"total_spent>=100\"}")
                .when().post("/v1/segments")
                .then().statusCode(201)
                .header("Location", containsString("/v1/segments/"))
                .body("name", equalTo("Big spenders"))
                .body("key", equalTo(null))
                .body("condition", equalTo("total_spent >= 100"))
                .body("ast.compare.trait", equalTo("total_spent"))
                .body("readsClock", equalTo(false))
                // answered before the backfill is over: it runs in the background
                .body("backfill.status", anyOf(equalTo("pending"), equalTo("running"), equalTo("done")))
                .body("backfill.requestedAt", notNullValue())
                .extract().path("id");

        SegmentMembershipChanged entered = awaitChange(p[1], id, Change.ENTERED);
        assertThat(entered.reason()).isEqualTo("backfill");
        assertThat(entered.segmentName()).isEqualTo("Big spenders");
        assertThat(entered.profile()).containsEntry("email", "some@example.com");
        awaitChange(p[2], id, Change.ENTERED);
        as(ws).when().get("/v1/segments/{id}/members", id).then().statusCode(200).body("items.profileId", contains(p[1], p[2]));
        awaitBackfill(ws, id);
        as(ws).when().get("/v1/segments/{id}", id).then().statusCode(200).body("memberCount", equalTo(2))
                .body("backfill.startedAt", notNullValue()).body("backfill.finishedAt", notNullValue())
                .body("backfill.profiles", equalTo(3)).body("backfill.changes", equalTo(2)).body("backfill.lastError", nullValue());
        as(ws).when().get("/v1/profiles/{p}/segments", p[2]).then().statusCode(200)
                .body("name", hasItem("Big spenders")).body("find { it.name == 'Big spenders' }.segmentId", equalTo(id));
    }

    @Test
    void an_edited_segment_is_backfilled_again_and_publishes_its_exits() {
        String ws = newId("ws");
        String[] p = workspaceWithSpenders(ws);
        String id = as(ws).body("{\"name\":\"Big spenders\",\"condition\":\"total_spent >= 100\"}")
                .when().post("/v1/segments").then().statusCode(201).extract().path("id");
        awaitChange(p[1], id, Change.ENTERED);

        as(ws).body("{\"name\":\"Very big spenders\",\"ast\":{\"compare\":{\"trait\":\"total_spent\",\"op\":\">=\",\"value\":500}}}")
                .when().put("/v1/segments/{id}", id)
                .then().statusCode(200)
                .body("name", equalTo("Very big spenders"))
                .body("condition", equalTo("total_spent >= 500"));

        SegmentMembershipChanged exited = awaitChange(p[1], id, Change.EXITED);
        awaitBackfill(ws, id);
        as(ws).when().get("/v1/segments/{id}", id).then().body("memberCount", equalTo(1));
        assertThat(exited.reason()).isEqualTo("backfill");
        assertThat(exited.segmentName()).isEqualTo("Very big spenders");
        assertThat(changesOf(p[2], id)).extracting(SegmentMembershipChanged::change).containsExactly(Change.ENTERED);
    }

    @Test
    void presets_are_editable_and_keep_their_key() {
        String ws = newId("ws");
        String[] p = workspaceWithSpenders(ws);
        String loyal = PresetSegments.id(ws, "loyal");
        as(ws).body("{\"name\":\"Loyal\",\"condition\":\"orders_count >= 3\"}")
                .when().put("/v1/segments/{id}", loyal)
                .then().statusCode(200).body("key", equalTo("loyal")).body("condition", equalTo("orders_count >= 3"));
        awaitBackfill(ws, loyal);
        as(ws).when().get("/v1/segments/{id}/members", loyal).then().body("items.profileId", contains(p[2]));
    }

    @Test
    void a_segment_can_be_defined_by_membership_of_another_and_cycles_are_refused() {
        String ws = newId("ws");
        String[] p = workspaceWithSpenders(ws);
        String big = as(ws).body("{\"name\":\"Big customers\",\"condition\":\"in segment \\\"Customers\\\" and total_spent >= 500\"}")
                .when().post("/v1/segments").then().statusCode(201).extract().path("id");
        awaitChange(p[2], big, Change.ENTERED);

        // Customers now defined through Big customers, which is defined through Customers: refused where it is written.
        as(ws).body("{\"name\":\"Customers\",\"condition\":\"orders_count >= 1 or in segment key \\\"x\\\"\"}")
                .when().put("/v1/segments/{id}", PresetSegments.id(ws, PresetSegments.CUSTOMERS))
                .then().statusCode(400).body("detail", containsString("no segment with key \"x\""));
        as(ws).body("{\"name\":\"Customers\",\"condition\":\"orders_count >= 1 or in segment \\\"Big customers\\\"\"}")
                .when().put("/v1/segments/{id}", PresetSegments.id(ws, PresetSegments.CUSTOMERS))
                .then().statusCode(400).contentType("application/problem+json")
                .body("line", equalTo(1)).body("column", equalTo(33))
                .body("reason", containsString("cycle"));
        // and Customers cannot be deleted while Big customers uses it
        as(ws).when().delete("/v1/segments/{id}", PresetSegments.id(ws, PresetSegments.CUSTOMERS))
                .then().statusCode(409).body("detail", containsString("Big customers"));
    }

    @Test
    void a_segment_referenced_by_name_cannot_be_renamed() {
        String ws = newId("ws");
        workspaceWithSpenders(ws);
        as(ws).body("{\"name\":\"Big customers\",\"condition\":\"in segment \\\"Customers\\\" and total_spent >= 500\"}")
                .when().post("/v1/segments").then().statusCode(201);
        String customers = PresetSegments.id(ws, PresetSegments.CUSTOMERS);
        as(ws).body("{\"name\":\"Clients\",\"condition\":\"orders_count >= 1\"}").when().put("/v1/segments/{id}", customers)
                .then().statusCode(409).contentType("application/problem+json").body("field", equalTo("name"))
                .body("detail", containsString("Big customers"));
        // another condition under the same name is fine
        as(ws).body("{\"name\":\"customers\",\"condition\":\"orders_count >= 2\"}").when().put("/v1/segments/{id}", customers)
                .then().statusCode(200);
    }

    @Test
    void deleting_a_segment_publishes_an_exit_for_each_member_and_deleting_again_is_404() {
        String ws = newId("ws");
        String[] p = workspaceWithSpenders(ws);
        String id = as(ws).body("{\"name\":\"Big spenders\",\"condition\":\"total_spent >= 100\"}")
                .when().post("/v1/segments").then().statusCode(201).extract().path("id");
        awaitChange(p[1], id, Change.ENTERED);
        awaitChange(p[2], id, Change.ENTERED);
        as(newId("ws")).when().delete("/v1/segments/{id}", id).then().statusCode(404);

        as(ws).when().delete("/v1/segments/{id}", id).then().statusCode(204);
        SegmentMembershipChanged exit = awaitChange(p[1], id, Change.EXITED);
        assertThat(exit.reason()).isEqualTo("segment deleted");
        assertThat(exit.segmentName()).isEqualTo("Big spenders");
        assertThat(exit.profile()).containsEntry("email", "some@example.com");
        assertThat(awaitChange(p[2], id, Change.EXITED).reason()).isEqualTo("segment deleted");
        assertThat(changesOf(p[0], id)).isEmpty();
        as(ws).when().get("/v1/profiles/{p}/segments", p[2]).then().statusCode(200).body("segmentId", not(hasItem(id)));

        as(ws).when().delete("/v1/segments/{id}", id).then().statusCode(404).contentType("application/problem+json");
        assertThat(changesOf(p[1], id)).extracting(SegmentMembershipChanged::change).containsExactly(Change.ENTERED, Change.EXITED);
    }

    @Test
    void conditions_read_the_interest_profiles_have_per_category() {
        String ws = newId("ws");
        String runner = "a-" + newId("p");
        String casual = "b-" + newId("p");
        String none = "c-" + newId("p");
        snapshot(ws, runner, 1, Map.of("email", "r@example.com", "category_interest", Map.of("Running Shoes", 5, "Hats", 1)));
        snapshot(ws, casual, 1, Map.of("email", "c@example.com", "category_interest", Map.of("running shoes", 2)));
        snapshot(ws, none, 1, Map.of("email", "n@example.com"));
        await().atMost(WAIT).untilAsserted(() -> as(ws).body("{\"condition\":\"email exists\"}")
                .when().post("/v1/segments/preview").then().statusCode(200).body("count", equalTo(3)));

        as(ws).body("{\"condition\":\"category_interest.\\\"Running shoes\\\" >= 3\"}").when().post("/v1/segments/preview")
                .then().statusCode(200)
                .body("condition", equalTo("category_interest.\"running shoes\" >= 3"))
                .body("count", equalTo(1)).body("sample.profileId", contains(runner));
        as(ws).body("{\"ast\":{\"compare\":{\"trait\":\"category_interest.running shoes\",\"op\":\"<\",\"value\":3}}}")
                .when().post("/v1/segments/preview").then().statusCode(200).body("count", equalTo(1)).body("sample.profileId", contains(casual));
        as(ws).body("{\"condition\":\"not (category_interest.hats exists)\"}").when().post("/v1/segments/preview")
                .then().statusCode(200).body("count", equalTo(2));
        as(ws).body("{\"condition\":\"category_interest >= 3\"}").when().post("/v1/segments/preview")
                .then().statusCode(400).body("reason", containsString("holds a number per category"));

        String id = as(ws).body("{\"name\":\"Runners\",\"condition\":\"category_interest.\\\"running shoes\\\" >= 3\"}")
                .when().post("/v1/segments").then().statusCode(201).extract().path("id");
        assertThat(awaitChange(runner, id, Change.ENTERED).reason()).isEqualTo("backfill");
        awaitBackfill(ws, id);
        snapshot(ws, casual, 2, Map.of("email", "c@example.com", "category_interest", Map.of("Running shoes", 4)));
        assertThat(awaitChange(casual, id, Change.ENTERED).reason()).isEqualTo("category_interest.\"running shoes\" >= 3");
        assertThat(changesOf(none, id)).isEmpty();
    }

    @Test
    void tags_contains_finds_a_whole_tag_whatever_its_case() {
        String ws = newId("ws");
        String vip = "a-" + newId("p");
        String wholesale = "b-" + newId("p");
        String none = "c-" + newId("p");
        snapshot(ws, vip, 1, Map.of("email", "v@example.com", "tags", List.of("VIP", "Newsletter")));
        snapshot(ws, wholesale, 1, Map.of("email", "w@example.com", "tags", List.of("wholesale", "VIPER")));
        snapshot(ws, none, 1, Map.of("email", "n@example.com"));
        await().atMost(WAIT).untilAsserted(() -> as(ws).body("{\"condition\":\"email exists\"}")
                .when().post("/v1/segments/preview").then().statusCode(200).body("count", equalTo(3)));

        as(ws).body("{\"condition\":\"tags contains \\\"vip\\\"\"}").when().post("/v1/segments/preview")
                .then().statusCode(200).body("count", equalTo(1)).body("sample.profileId", contains(vip));
        as(ws).body("{\"ast\":{\"contains\":{\"trait\":\"tags\",\"value\":\"Wholesale\"}}}").when().post("/v1/segments/preview")
                .then().statusCode(200).body("count", equalTo(1)).body("sample.profileId", contains(wholesale));
        as(ws).body("{\"condition\":\"tags exists\"}").when().post("/v1/segments/preview").then().statusCode(200).body("count", equalTo(2));
        as(ws).body("{\"condition\":\"tags > 3\"}").when().post("/v1/segments/preview")
                .then().statusCode(400).contentType("application/problem+json")
                .body("reason", containsString("tags is a list of text and cannot be compared with the number 3"));
        as(ws).body("{\"condition\":\"email contains \\\"a\\u0000\\\"\"}").when().post("/v1/segments/preview")
                .then().statusCode(400).body("reason", containsString("cannot contain NUL"));

        String id = as(ws).body("{\"name\":\"VIPs\",\"condition\":\"tags contains \\\"VIP\\\"\"}")
                .when().post("/v1/segments").then().statusCode(201).extract().path("id");
        assertThat(awaitChange(vip, id, Change.ENTERED).reason()).isEqualTo("backfill");
        awaitBackfill(ws, id);
        snapshot(ws, wholesale, 2, Map.of("email", "w@example.com", "tags", List.of("wholesale", " vip ")));
        assertThat(awaitChange(wholesale, id, Change.ENTERED).reason()).isEqualTo("tags contains \"VIP\"");
        assertThat(changesOf(none, id)).isEmpty();
    }

    @Test
    void invalid_conditions_are_400_problems_that_say_where_and_why() {
        String ws = newId("ws");
        as(ws).body("{\"name\":\"Typo\",\"condition\":\"orders_count >= 1 and\\n  ordes_count < 5\"}")
                .when().post("/v1/segments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("field", equalTo("condition"))
                .body("line", equalTo(2))
                .body("column", equalTo(3))
                .body("reason", containsString("unknown trait 'ordes_count' (did you mean orders_count?)"))
                .body("detail", containsString("line 2, column 3"));
        as(ws).body("{\"name\":\"Types\",\"condition\":\"signup_date > 5\"}")
                .when().post("/v1/segments").then().statusCode(400).body("reason", containsString("signup_date is a date"));
        as(ws).body("{\"name\":\"Json\",\"ast\":{\"and\":[{\"exists\":{\"trait\":\"email\"}},{\"top\":{\"trait\":\"email\",\"percent\":10}}]}}")
                .when().post("/v1/segments")
                .then().statusCode(400).body("field", equalTo("ast/and/1/top")).body("path", equalTo("/and/1/top"))
                .body("reason", containsString("population statistics apply to numeric profile traits"));
        as(ws).body("{\"name\":\"Both\",\"condition\":\"email exists\",\"ast\":{\"exists\":{\"trait\":\"email\"}}}")
                .when().post("/v1/segments").then().statusCode(400).body("field", equalTo("condition"));
        as(ws).body("{\"condition\":\"email exists\"}")
                .when().post("/v1/segments").then().statusCode(400).body("field", equalTo("name"));
        as(ws).body("{\"name\":\"Other\",\"condition\":\"in segment \\\"Nope\\\"\"}")
                .when().post("/v1/segments").then().statusCode(400).body("reason", containsString("no segment \"Nope\""));
        as(ws).body("{\"name\":\"Self\",\"condition\":\"in segment \\\"self\\\"\"}")
                .when().post("/v1/segments").then().statusCode(400).body("reason", containsString("its own membership"));
        as(ws).when().post("/v1/segments").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void names_are_unique_per_workspace_and_other_workspaces_see_nothing() {
        String ws = newId("ws");
        String id = as(ws).body("{\"name\":\"Mine\",\"condition\":\"b2b = true\"}").when().post("/v1/segments")
                .then().statusCode(201).extract().path("id");
        as(ws).body("{\"name\":\"mine\",\"condition\":\"b2b = false\"}").when().post("/v1/segments")
                .then().statusCode(409).contentType("application/problem+json").body("field", equalTo("name"));

        String other = newId("ws");
        as(other).when().get("/v1/segments/{id}", id).then().statusCode(404).contentType("application/problem+json");
        as(other).body("{\"name\":\"Stolen\",\"condition\":\"b2b = true\"}").when().put("/v1/segments/{id}", id).then().statusCode(404);
        as(other).when().delete("/v1/segments/{id}", id).then().statusCode(404);
        as(other).when().get("/v1/segments/{id}/members.csv", id).then().statusCode(404);
        as(other).when().get("/v1/segments/{id}/history", id).then().statusCode(404);

        as(ws).when().delete("/v1/segments/{id}", id).then().statusCode(204);
        as(ws).when().get("/v1/segments/{id}", id).then().statusCode(404);
        as(ws).when().get("/v1/segments").then().body("name", not(hasItem("Mine")));
    }

    @Test
    void validate_answers_the_canonical_text_and_the_json_form() {
        String ws = newId("ws");
        as(ws).body("{\"condition\":\"orders_count >= 1.0 AND last_order_date < now -90 days\"}")
                .when().post("/v1/segments/validate")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("condition", equalTo("orders_count >= 1 and last_order_date < now - 90d"))
                .body("ast.and[1].compare.value.now.amount", equalTo(-90))
                .body("readsClock", equalTo(true))
                .body("readsStatistics", equalTo(false));
        as(ws).body("{\"ast\":{\"top\":{\"trait\":\"engagement_score\",\"percent\":10}}}")
                .when().post("/v1/segments/validate")
                .then().statusCode(200).body("condition", equalTo("engagement_score in top 10%")).body("readsStatistics", equalTo(true));
        as(ws).body("{\"condition\":\"orders_count >=\"}").when().post("/v1/segments/validate")
                .then().statusCode(400).body("line", equalTo(1)).body("column", equalTo(16));
    }

    @Test
    void preview_counts_and_samples_without_saving() {
        String ws = newId("ws");
        String[] p = workspaceWithSpenders(ws);
        as(ws).body("{\"condition\":\"total_spent > 100 and email contains \\\"example\\\"\",\"sample\":1}")
                .when().post("/v1/segments/preview")
                .then().statusCode(200)
                .body("count", equalTo(2))
                .body("sample.profileId", contains(p[1]))
                .body("sample[0].traits.email", equalTo("some@example.com"));
        as(ws).body("{\"condition\":\"email exists\",\"sample\":101}").when().post("/v1/segments/preview")
                .then().statusCode(400).body("field", equalTo("sample"));
        as(ws).when().get("/v1/segments").then().body("size()", equalTo(23));
    }

    @Test
    void members_export_as_streamed_csv() {
        String ws = newId("ws");
        String[] p = workspaceWithSpenders(ws);
        String csv = as(ws).when().get("/v1/segments/{id}/members.csv", PresetSegments.id(ws, PresetSegments.CUSTOMERS))
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment"))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("profile_id,email,first_name,last_name,entered_at");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith(p[1] + ",some@example.com,\"Some, \"\"quoted\"\"\",,");
        // a cell a spreadsheet would run as a formula is defused
        assertThat(lines[2]).startsWith(p[2] + ",'=lots@example.com,,,");
    }

    @Test
    void history_lists_the_daily_size_and_today() {
        String ws = newId("ws");
        workspaceWithSpenders(ws);
        String customers = PresetSegments.id(ws, PresetSegments.CUSTOMERS);
        history.record();
        as(ws).when().get("/v1/segments/{id}/history", customers)
                .then().statusCode(200)
                .body("segmentId", equalTo(customers))
                .body("days.size()", equalTo(1))
                .body("days[0].day", equalTo(history.today().toString()))
                .body("days[0].size", equalTo(2));
        as(ws).queryParam("days", 0).when().get("/v1/segments/{id}/history", customers).then().statusCode(400).body("field", equalTo("days"));
    }

    @Test
    void the_segments_of_an_unknown_profile_are_404() {
        as(newId("ws")).when().get("/v1/profiles/{p}/segments", "nobody").then().statusCode(404).contentType("application/problem+json");
    }
}
