package crm.profile.traits;

import crm.events.CustomerEvent;
import crm.events.Json;
import crm.events.ProfileMessage;
import crm.events.Topics;
import crm.profile.Events;
import crm.testing.CrmTestInfra;
import io.restassured.path.json.JsonPath;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Sends events through the real broker and reads profiles back through the API and the profiles topic. */
public final class ProfileProbe {
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private ProfileProbe() {
    }

    /** Sends the event and waits until the service has folded it, so the next one arrives after it. */
    public static void sendAndAwait(DataSource db, CustomerEvent event) {
        Events.send(event);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> processed(db, event.workspaceId(), event.id()));
    }

    static boolean processed(DataSource db, String ws, String eventId) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select 1 from processed_events where workspace_id = ? and event_id = ?")) {
            s.setString(1, ws);
            s.setString(2, eventId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** How many rows the table holds for the workspace. */
    public static long rowsOf(DataSource db, String table, String ws) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from " + table + " where workspace_id = ?")) {
            s.setString(1, ws);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The profile a look-up (query parameter and value) finds, once it satisfies the condition. */
    public static JsonPath awaitProfile(String ws, String param, String value, Predicate<JsonPath> condition) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            var r = given().auth().oauth2(CrmTestInfra.apiToken(ws)).queryParam(param, value).get("/v1/profiles");
            return r.statusCode() == 200 ? r.jsonPath() : null;
        }, p -> p != null && condition.test(p));
    }

    public static JsonPath get(String ws, String path) {
        return given().auth().oauth2(CrmTestInfra.apiToken(ws)).get(path).then().statusCode(200).extract().jsonPath();
    }

    /** Every message published on crm.profiles.v1 under the key. */
    public static List<ProfileMessage> published(String key) {
        return CrmTestInfra.kafka().all(Topics.PROFILES).stream().filter(r -> key.equals(r.key()))
                .map(r -> Json.read(r.value(), ProfileMessage.class)).toList();
    }

    public static <T extends ProfileMessage> T awaitPublished(String key, Class<T> kind, Predicate<T> condition) {
        var record = CrmTestInfra.kafka().await(Topics.PROFILES, r -> {
            if (!key.equals(r.key())) return false;
            ProfileMessage m = Json.read(r.value(), ProfileMessage.class);
            return kind.isInstance(m) && condition.test(kind.cast(m));
        }, PATIENCE);
        return kind.cast(Json.read(record.value(), ProfileMessage.class));
    }
}
