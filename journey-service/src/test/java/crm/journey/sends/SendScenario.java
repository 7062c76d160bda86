package crm.journey.sends;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;
import crm.events.Json;
import crm.events.ProfileChanged;
import crm.events.SegmentMembershipChanged;
import crm.events.Topics;
import crm.journey.Transitions;
import crm.journey.runtime.Database;
import crm.testing.CrmTestInfra;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * One workspace driven from outside as the other services would: journeys through the API, profiles on
 * crm.profiles.v1, segment entries on crm.segments.v1, customer events on crm.events.v1.
 */
public record SendScenario(Transitions ws) {
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    public static SendScenario ofNewWorkspace() {
        return new SendScenario(Transitions.ofNewWorkspace());
    }

    public String workspaceId() {
        return ws.workspaceId();
    }

    public String token() {
        return CrmTestInfra.apiToken(workspaceId());
    }

    /** Creates and activates a journey entered from a fresh segment with these steps; returns {journeyId, segmentId}. */
    public String[] journey(String stepsJson) {
        String segment = "seg-" + UUID.randomUUID();
        String body = "{\"name\":\"Test " + segment + "\",\"definition\":{\"trigger\":{\"type\":\"segment_entered\",\"segmentId\":\""
                + segment + "\"},\"steps\":" + stepsJson + "}}";
        String id = given().auth().oauth2(token()).contentType(ContentType.JSON).body(body)
                .post("/v1/journeys").then().statusCode(201).extract().jsonPath().getString("id");
        given().auth().oauth2(token()).post("/v1/journeys/{id}/activate", id).then().statusCode(200);
        return new String[] {id, segment};
    }

    public void chooseProvider(String channel, String provider, String url) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("provider", provider);
        if (url != null) body.put("url", url);
        given().auth().oauth2(token()).contentType(ContentType.JSON).body(Json.write(body))
                .put("/v1/providers/{channel}", channel).then().statusCode(200);
    }

    /** Publishes a profile snapshot and waits until the contact projection has it. */
    public void profile(Database database, String profileId, Map<String, Object> traits) {
        long version = System.nanoTime();
        CrmTestInfra.kafka().send(Topics.PROFILES, profileId, Json.write(new ProfileChanged(workspaceId(), profileId,
                version, Instant.now(), null, traits)));
        await().atMost(PATIENCE).until(() -> database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select version from contacts where workspace_id = ? and profile_id = ?")) {
                ps.setString(1, workspaceId());
                ps.setString(2, profileId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getLong(1) == version;
                }
            }
        }));
    }

    public void enter(String segmentId, String profileId, Map<String, Object> traits) {
        SegmentMembershipChanged entered = ws.entered(segmentId, profileId, traits);
        Transitions.publish(entered);
    }

    /** A customer event about the profile as ingest would publish it. */
    public CustomerEvent track(String name, Identities who, Map<String, Object> properties, Instant at) {
        CustomerEvent event = new CustomerEvent(UUID.randomUUID().toString(), workspaceId(), EventType.TRACK, name, who,
                null, properties, null, at, at, "api", null);
        CrmTestInfra.kafka().send(Topics.EVENTS, event.key(), Json.write(event));
        return event;
    }

    /** One send row, as "step status skip_reason/last_error". */
    public record Row(String key, String step, String status, String skipReason, String lastError, Instant dueAt,
                      String provider, String providerMessageId, boolean published) {
    }

    public List<Row> sends(Database database, String profileId) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select s.idempotency_key, s.step_id, s.status, s.skip_reason, s.last_error, s.due_at, s.provider,
                           s.provider_message_id, s.published_at is not null as published
                    from sends s join runs r on r.id = s.run_id
                    where s.workspace_id = ? and r.profile_id = ? order by s.created_at, s.step_id""")) {
                ps.setString(1, workspaceId());
                ps.setString(2, profileId);
                List<Row> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                Database.instant(rs, "due_at"), rs.getString(7), rs.getString(8), rs.getBoolean(9)));
                    }
                }
                return out;
            }
        });
    }

    public JsonPath stats(String journeyId) {
        return given().auth().oauth2(token()).get("/v1/journeys/{id}/stats", journeyId)
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }
}
