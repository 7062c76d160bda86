package crm.segment.api;

import crm.events.Json;
import crm.events.PresetSegments;
import crm.events.SegmentMembershipChanged.Change;
import crm.events.Topics;
import crm.events.WorkspaceChanged;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static crm.segment.Traffic.WAIT;
import static crm.segment.Traffic.awaitChange;
import static crm.segment.Traffic.newId;
import static crm.segment.Traffic.snapshot;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class SegmentApiTest {

    @Test
    void a_workspace_created_on_the_workspaces_topic_gets_its_preset_listed() {
        String ws = newId("ws");
        CrmTestInfra.kafka().send(Topics.WORKSPACES, ws,
                Json.write(new WorkspaceChanged(ws, "Jane's store", WorkspaceChanged.Kind.CREATED, Instant.now())));

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(CrmTestInfra.apiToken(ws))
                .when().get("/v1/segments")
                .then().statusCode(200)
                .body("size()", equalTo(23))
                .body("find { it.key == 'customers' }.id", equalTo(PresetSegments.id(ws, PresetSegments.CUSTOMERS)))
                .body("find { it.key == 'customers' }.name", equalTo("Customers"))
                .body("find { it.key == 'customers' }.condition", equalTo("orders_count >= 1"))
                .body("find { it.key == 'fans' }.condition", equalTo("orders_count >= 1 and engagement_score in top 10%"))
                .body("find { it.key == 'customers' }.memberCount", equalTo(0)));
    }

    @Test
    void another_workspaces_token_sees_no_segment_and_no_member() {
        String ws = newId("ws");
        String other = newId("ws");
        String profile = newId("p");
        String customers = PresetSegments.id(ws, PresetSegments.CUSTOMERS);
        snapshot(ws, profile, 1, Map.of("orders_count", 1));
        awaitChange(profile, customers, Change.ENTERED);

        given().auth().oauth2(CrmTestInfra.apiToken(other))
                .when().get("/v1/segments/{id}/members", customers)
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().auth().oauth2(CrmTestInfra.apiToken(other))
                .when().get("/v1/segments")
                .then().statusCode(200).body("$", empty());
        given().auth().oauth2(CrmTestInfra.apiToken(ws))
                .when().get("/v1/segments/{id}/members", "no-such-segment")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void without_a_valid_token_the_api_answers_401() {
        given().when().get("/v1/segments")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().auth().oauth2("not-a-jwt").when().get("/v1/segments/x/members")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(CrmTestInfra.keys().tokenFor("ws", Instant.now().minusSeconds(3600)))
                .when().get("/v1/segments").then().statusCode(401);
    }

    @Test
    void a_limit_out_of_range_is_a_400_naming_limit() {
        String ws = newId("ws");
        for (String limit : List.of("0", "1001", "abc", "-5")) {
            given().auth().oauth2(CrmTestInfra.apiToken(ws)).queryParam("limit", limit)
                    .when().get("/v1/segments/{id}/members", PresetSegments.id(ws, PresetSegments.CUSTOMERS))
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("limit"))
                    .body("detail", containsString("from 1 to 1000"));
        }
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).queryParam("after", "%%%")
                .when().get("/v1/segments/{id}/members", PresetSegments.id(ws, PresetSegments.CUSTOMERS))
                .then().statusCode(400).body("field", equalTo("after"));
    }

    @Test
    void a_body_that_is_not_json_is_a_400_saying_what_is_wrong_with_it() {
        String ws = newId("ws");
        for (String body : List.of("aaa", "{\"name\": \"x\",", "{\"name\" 1}")) {
            given().auth().oauth2(CrmTestInfra.apiToken(ws)).contentType("application/json").body(body)
                    .when().post("/v1/segments")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("malformed JSON"));
        }
    }

    @Test
    void members_are_paged_with_a_cursor() {
        String ws = newId("ws");
        String customers = PresetSegments.id(ws, PresetSegments.CUSTOMERS);
        List<String> profiles = List.of("a-" + newId("p"), "b-" + newId("p"), "c-" + newId("p"));
        profiles.forEach(p -> snapshot(ws, p, 1, Map.of("orders_count", 1)));
        profiles.forEach(p -> awaitChange(p, customers, Change.ENTERED));

        String next = given().auth().oauth2(CrmTestInfra.apiToken(ws)).queryParam("limit", 2)
                .when().get("/v1/segments/{id}/members", customers)
                .then().statusCode(200)
                .body("items.profileId", contains(profiles.get(0), profiles.get(1)))
                .body("next", notNullValue())
                .extract().path("next");

        given().auth().oauth2(CrmTestInfra.apiToken(ws)).queryParam("limit", 2).queryParam("after", next)
                .when().get("/v1/segments/{id}/members", customers)
                .then().statusCode(200)
                .body("items.profileId", contains(profiles.get(2)))
                .body("next", nullValue());
    }
}
