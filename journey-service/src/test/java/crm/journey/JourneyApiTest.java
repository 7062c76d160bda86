package crm.journey;

import crm.events.PresetSegments;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static crm.journey.JourneyScenarios.awaitSubjects;
import static crm.journey.JourneyScenarios.email;
import static crm.journey.JourneyScenarios.subjects;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class JourneyApiTest {
    private final JourneyScenarios ws = JourneyScenarios.ofNewWorkspace();

    private RequestSpecification as(JourneyScenarios w) {
        return given().auth().oauth2(w.token()).contentType("application/json");
    }

    private String body(String segmentKey, String template) {
        return """
                {"name": "VIP thanks", "definition": {
                  "trigger": {"type": "segment_entered", "segmentId": "%s"},
                  "steps": [{"type": "send", "id": "thanks", "channel": "email", "template": "%s"}]}}"""
                .formatted(PresetSegments.id(ws.workspaceId(), segmentKey), template);
    }

    private JsonPath problem(String body, int status) {
        return as(ws).body(body).post("/v1/journeys").then().statusCode(status).contentType("application/problem+json")
                .extract().jsonPath();
    }

    @Test
    void a_journey_is_created_as_a_draft_and_starts_runs_only_once_activated() {
        JsonPath created = as(ws).body(body("vip", "loyalty-thanks")).post("/v1/journeys")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/v1/journeys/")).extract().jsonPath();
        String id = created.getString("id");
        assertThat(created.getString("status")).isEqualTo("draft");
        assertThat(created.getInt("version")).isEqualTo(1);

        String before = email("before");
        ws.enter("vip", "p-before", Map.of("email", before));
        // Same key, so consumed after the draft's entry: once its welcome is out, the draft saw that entry.
        String marker = email("marker");
        CrmTestInfra.kafka().send(crm.events.Topics.SEGMENTS, "p-before", crm.events.Json.write(new crm.events.SegmentMembershipChanged(
                UUID.randomUUID().toString(), ws.workspaceId(), PresetSegments.id(ws.workspaceId(), PresetSegments.CUSTOMERS), "c",
                "p-marker", crm.events.SegmentMembershipChanged.Change.ENTERED, "test", java.time.Instant.now(), 1, Map.of("email", marker))));
        awaitSubjects(marker, "Welcome!");
        as(ws).post("/v1/journeys/{id}/activate", id).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("active"));
        String after = email("after");
        ws.enter("vip", "p-after", Map.of("email", after));
        awaitSubjects(after, "Thank you for coming back");
        assertThat(subjects(before)).isEmpty();

        as(ws).post("/v1/journeys/{id}/pause", id).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("paused"));
        String paused = email("paused");
        ws.enter("vip", "p-paused", Map.of("email", paused));
        as(ws).post("/v1/journeys/{id}/pause", id).then().statusCode(200);
        as(ws).post("/v1/journeys/{id}/resume", id).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("active"));
        String resumed = email("resumed");
        // Same key as the paused entry: consumed after it, so once this email is out the paused one was skipped.
        crm.events.SegmentMembershipChanged m = new crm.events.SegmentMembershipChanged(UUID.randomUUID().toString(), ws.workspaceId(),
                PresetSegments.id(ws.workspaceId(), "vip"), "vip", "p-resumed", crm.events.SegmentMembershipChanged.Change.ENTERED,
                "test", java.time.Instant.now(), 1, Map.of("email", resumed));
        CrmTestInfra.kafka().send(crm.events.Topics.SEGMENTS, "p-paused", crm.events.Json.write(m));
        awaitSubjects(resumed, "Thank you for coming back");
        assertThat(subjects(paused)).isEmpty();
        as(ws).post("/v1/journeys/{id}/resume", id).then().statusCode(200);
    }

    @Test
    void a_change_is_a_new_version_and_runs_finish_on_the_version_they_started_with() {
        String id = as(ws).body("""
                {"name": "Two steps", "definition": {
                  "trigger": {"type": "segment_entered", "segmentId": "%s"},
                  "steps": [{"type": "send", "id": "first", "channel": "email", "template": "loyalty-thanks"},
                            {"type": "wait", "id": "pause", "duration": "PT25H"},
                            {"type": "send", "id": "second", "channel": "email", "template": "loyalty-perks"}]}}"""
                .formatted(PresetSegments.id(ws.workspaceId(), "vip"))).post("/v1/journeys").then().statusCode(201).extract().path("id");
        as(ws).post("/v1/journeys/{id}/activate", id).then().statusCode(200);
        String email = email("versioned");
        ws.enter("vip", "p-v", Map.of("email", email));
        String run = ws.awaitRun("p-v", id);
        ws.awaitAt(run, "pause");

        JsonPath v2 = as(ws).body(body("vip", "welcome")).put("/v1/journeys/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(v2.getInt("version")).isEqualTo(2);
        assertThat(v2.getString("status")).isEqualTo("active");
        assertThat(v2.getList("definition.steps")).hasSize(1);

        try {
            // More than a day later: the frequency cap (1 marketing email per 24 h) lets the second one out.
            TestClock.advance(java.time.Duration.ofHours(25));
            awaitSubjects(email, "Thank you for coming back", "Your loyalty perks");
        } finally {
            TestClock.reset();
        }
        assertThat(ws.timeline(run).getInt("journeyVersion")).isEqualTo(1);
        ws.awaitStatus(run, "completed");
    }

    @Test
    void invalid_definitions_are_refused_naming_the_field() {
        assertThat(problem(body("vip", "no-such-template"), 400).getString("field")).isEqualTo("definition.steps[0].template");
        assertThat(problem("{\"name\": \"x\", \"definition\": {\"trigger\": {\"type\": \"segment_entered\", \"segmentId\": \"s\"},"
                + " \"steps\": [{\"type\": \"teleport\", \"id\": \"a\"}]}}", 400).getString("field")).isEqualTo("definition.steps[0]");
        assertThat(problem("{\"name\": \"x\", \"definition\": {\"trigger\": {\"type\": \"segment_entered\", \"segmentId\": \"s\"},"
                + " \"steps\": [{\"type\": \"wait\", \"id\": \"a\", \"duration\": \"soon\"}]}}", 400).getString("field"))
                .isEqualTo("definition.steps[0].duration");
        assertThat(problem("{\"definition\": null}", 400).getString("field")).isEqualTo("name");
        assertThat(problem("{\"name\": \"x\"}", 400).getString("field")).isEqualTo("definition");
        assertThat(problem("{not json", 400).getString("field")).isEqualTo("body");
    }

    @Test
    void another_workspace_gets_404_for_everything_of_this_one() {
        String id = as(ws).body(body("vip", "welcome")).post("/v1/journeys").then().statusCode(201).extract().path("id");
        JourneyScenarios other = JourneyScenarios.ofNewWorkspace();
        for (String action : new String[] {"activate", "pause", "resume"}) {
            as(other).post("/v1/journeys/{id}/" + action, id).then().statusCode(404).contentType("application/problem+json");
        }
        as(other).get("/v1/journeys/{id}", id).then().statusCode(404);
        as(other).body(body("vip", "welcome")).put("/v1/journeys/{id}", id).then().statusCode(404);
        as(other).delete("/v1/journeys/{id}", id).then().statusCode(404);
        as(ws).get("/v1/journeys/{id}", id).then().statusCode(200);

        String email = email("timeline");
        ws.enter(PresetSegments.CUSTOMERS, "p-tl", Map.of("email", email));
        awaitSubjects(email, "Welcome!");
        String run = ws.runs("p-tl").getString("[0].id");
        as(other).get("/v1/runs/{id}", run).then().statusCode(404).contentType("application/problem+json");
        as(ws).get("/v1/runs/{id}", "not-a-uuid").then().statusCode(404);
        await().until(() -> "wait-3-days".equals(ws.timeline(run).getString("currentStep")));
        JsonPath timeline = ws.timeline(run);
        assertThat(timeline.getString("status")).isEqualTo("running");
        assertThat(timeline.getString("profileId")).isEqualTo("p-tl");
        assertThat(timeline.getString("dueAt")).isNotNull();
        assertThat(timeline.getString("steps[0].send.channel")).isEqualTo("email");
        assertThat(timeline.getString("steps[0].outcome")).isEqualTo("sent");
        assertThat(timeline.getString("steps[1].type")).isEqualTo("wait");
    }

    @Test
    void a_deleted_journey_is_archived_gone_from_the_list_and_cannot_change_status() {
        String id = as(ws).body(body("vip", "welcome")).post("/v1/journeys").then().statusCode(201).extract().path("id");
        as(ws).delete("/v1/journeys/{id}", id).then().statusCode(204);
        as(ws).get("/v1/journeys/{id}", id).then().statusCode(404);
        as(ws).post("/v1/journeys/{id}/activate", id).then().statusCode(404);
        assertThat(as(ws).get("/v1/journeys").then().statusCode(200).extract().jsonPath().getList("id")).doesNotContain(id);
        String draft = as(ws).body(body("vip", "welcome")).post("/v1/journeys").then().statusCode(201).extract().path("id");
        as(ws).post("/v1/journeys/{id}/resume", draft).then().statusCode(409).contentType("application/problem+json");
    }
}
