package crm.ingest.tracking;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Json;
import crm.events.Topics;
import crm.ingest.Ingest;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class TrackingApiTest {
    private Map<String, String> workspace;

    @BeforeEach
    void newWorkspace() {
        workspace = Ingest.createWorkspace("Tracking " + UUID.randomUUID());
    }

    private String writeKey() {
        return workspace.get("writeKey");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static ConsumerRecord<String, String> eventWithId(String id) {
        return CrmTestInfra.kafka().await(Topics.EVENTS,
                r -> r.value().contains(id) && id.equals(Json.read(r.value(), CustomerEvent.class).id()),
                Duration.ofSeconds(30));
    }

    @Test
    void identify_with_the_write_key_as_basic_username_lands_on_the_events_topic() {
        String messageId = unique("m");
        String userId = unique("u");

        given().header("Authorization", Ingest.basic(writeKey())).contentType(ContentType.JSON)
                .body(Map.of("userId", userId, "anonymousId", "anon-1", "messageId", messageId,
                        "traits", Map.of("email", "Ada@Example.com", "first_name", "Ada"),
                        "timestamp", "2000-01-01T00:00:00Z", "sentAt", "2000-01-01T01:00:00Z"))
                .when().post("/v1/identify")
                .then().statusCode(200)
                .body("success", equalTo(true));

        ConsumerRecord<String, String> record = eventWithId(messageId);
        CustomerEvent e = Json.read(record.value(), CustomerEvent.class);
        assertThat(e.workspaceId()).isEqualTo(workspace.get("id"));
        assertThat(e.type()).isEqualTo(EventType.IDENTIFY);
        assertThat(e.identities().userId()).isEqualTo(userId);
        assertThat(e.identities().anonymousId()).isEqualTo("anon-1");
        assertThat(e.identities().email()).isEqualTo("ada@example.com");
        assertThat(e.traits()).containsEntry("first_name", "Ada");
        assertThat(e.source()).isEqualTo("api");
        assertThat(record.key()).isEqualTo(e.key()).isEqualTo(workspace.get("id") + ":e:ada@example.com");
        // The client's clock says it sent the event an hour after it happened: so it happened an hour before receipt.
        assertThat(e.timestamp()).isEqualTo(e.receivedAt().minus(Duration.ofHours(1)));
    }

    @Test
    void track_with_the_write_key_in_the_body_lands_on_the_events_topic() {
        String messageId = unique("m");
        String anonymousId = unique("a");

        given().contentType(ContentType.JSON)
                .body("{\"writeKey\":\"" + writeKey() + "\",\"anonymousId\":\"" + anonymousId + "\",\"messageId\":\""
                        + messageId + "\",\"event\":\"Order Completed\",\"properties\":{\"total\":42.50,\"order_id\":\"o-1\"}}")
                .when().post("/v1/track")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("success", equalTo(true));

        ConsumerRecord<String, String> record = eventWithId(messageId);
        CustomerEvent e = Json.read(record.value(), CustomerEvent.class);
        assertThat(e.type()).isEqualTo(EventType.TRACK);
        assertThat(e.name()).isEqualTo("Order Completed");
        assertThat(e.properties()).containsEntry("order_id", "o-1");
        assertThat(new BigDecimal(e.properties().get("total").toString())).isEqualByComparingTo("42.50");
        assertThat(e.timestamp()).isEqualTo(e.receivedAt());
        assertThat(record.key()).isEqualTo(workspace.get("id") + ":a:" + anonymousId);
    }

    @Test
    void a_message_without_message_id_gets_a_generated_uuid() {
        String userId = unique("u");

        given().header("Authorization", Ingest.basic(writeKey())).contentType(ContentType.JSON)
                .body(Map.of("userId", userId, "event", "Product Viewed"))
                .when().post("/v1/track")
                .then().statusCode(200);

        ConsumerRecord<String, String> record = CrmTestInfra.kafka().await(Topics.EVENTS,
                r -> r.value().contains(userId), Duration.ofSeconds(30));
        CustomerEvent e = Json.read(record.value(), CustomerEvent.class);
        assertThat(UUID.fromString(e.id())).isNotNull();
        assertThat(record.key()).isEqualTo(workspace.get("id") + ":u:" + userId);
    }

    @Test
    void a_write_key_writes_into_its_own_workspace_only_whatever_the_body_claims() {
        Map<String, String> other = Ingest.createWorkspace("Other " + UUID.randomUUID());
        String messageId = unique("m");
        Map<String, Object> body = new HashMap<>(Map.of("userId", unique("u"), "event", "Cart Viewed",
                "messageId", messageId, "workspaceId", other.get("id")));

        given().header("Authorization", Ingest.basic(writeKey())).contentType(ContentType.JSON).body(body)
                .when().post("/v1/track")
                .then().statusCode(200);

        ConsumerRecord<String, String> record = eventWithId(messageId);
        assertThat(Json.read(record.value(), CustomerEvent.class).workspaceId()).isEqualTo(workspace.get("id"));
        assertThat(record.key()).startsWith(workspace.get("id") + ":");
    }

    @Test
    void an_unknown_write_key_is_401_problem() {
        given().header("Authorization", Ingest.basic("not-a-key")).contentType(ContentType.JSON)
                .body(Map.of("userId", "u", "event", "E"))
                .when().post("/v1/track")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
        given().contentType(ContentType.JSON).body(Map.of("writeKey", "not-a-key", "userId", "u"))
                .when().post("/v1/identify")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void a_call_without_write_key_is_401_problem() {
        given().contentType(ContentType.JSON).body(Map.of("userId", "u", "event", "E"))
                .when().post("/v1/track")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("write key"));
    }

    @Test
    void an_unknown_basic_write_key_is_refused_even_if_the_body_names_a_valid_one() {
        given().header("Authorization", Ingest.basic("not-a-key")).contentType(ContentType.JSON)
                .body(Map.of("writeKey", writeKey(), "userId", "u", "event", "E"))
                .when().post("/v1/track")
                .then().statusCode(401);
    }

    @Test
    void malformed_json_is_400_problem() {
        given().header("Authorization", Ingest.basic(writeKey())).contentType(ContentType.JSON)
                .body("{\"userId\": \"u\", ")
                .when().post("/v1/track")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("malformed JSON"));
        given().header("Authorization", Ingest.basic(writeKey())).contentType(ContentType.JSON)
                .body("[1, 2]")
                .when().post("/v1/identify")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("JSON object"));
    }

    @Test
    void a_message_without_user_id_or_anonymous_id_is_400_naming_user_id() {
        given().header("Authorization", Ingest.basic(writeKey())).contentType(ContentType.JSON)
                .body(Map.of("traits", Map.of("email", "a@b.co")))
                .when().post("/v1/identify")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("userId"));
    }

    @Test
    void track_without_event_is_400_naming_event() {
        given().header("Authorization", Ingest.basic(writeKey())).contentType(ContentType.JSON)
                .body(Map.of("userId", "u"))
                .when().post("/v1/track")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("event"));
    }

    @Test
    void a_body_over_32_kb_is_400_naming_the_limit() {
        given().header("Authorization", Ingest.basic(writeKey())).contentType(ContentType.JSON)
                .body(Map.of("userId", "u", "event", "E", "properties", Map.of("blob", "x".repeat(33 * 1024))))
                .when().post("/v1/track")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("32768"));
    }

    @Test
    void page_screen_group_and_alias_land_as_their_own_event_types() {
        String page = unique("m");
        String screen = unique("m");
        String group = unique("m");
        String alias = unique("m");
        var auth = Ingest.basic(writeKey());

        given().header("Authorization", auth).contentType(ContentType.JSON)
                .body(Map.of("userId", "u-p", "messageId", page, "name", "Pricing", "properties", Map.of("path", "/pricing")))
                .when().post("/v1/page").then().statusCode(200);
        given().header("Authorization", auth).contentType(ContentType.JSON)
                .body(Map.of("userId", "u-p", "messageId", screen, "name", "Basket"))
                .when().post("/v1/screen").then().statusCode(200);
        given().header("Authorization", auth).contentType(ContentType.JSON)
                .body(Map.of("userId", "u-p", "messageId", group, "groupId", "acme", "traits", Map.of("name", "Acme")))
                .when().post("/v1/group").then().statusCode(200);
        given().header("Authorization", auth).contentType(ContentType.JSON)
                .body(Map.of("userId", "u-p", "messageId", alias, "previousId", "anon-p"))
                .when().post("/v1/alias").then().statusCode(200);

        CustomerEvent p = Ingest.awaitEvent(page);
        assertThat(p.type()).isEqualTo(EventType.PAGE);
        assertThat(p.name()).isEqualTo("Pricing");
        assertThat(p.properties()).containsEntry("path", "/pricing");
        CustomerEvent s = Ingest.awaitEvent(screen);
        assertThat(s.type()).isEqualTo(EventType.SCREEN);
        assertThat(s.name()).isEqualTo("Basket");
        CustomerEvent g = Ingest.awaitEvent(group);
        assertThat(g.type()).isEqualTo(EventType.GROUP);
        assertThat(g.properties()).containsEntry("groupId", "acme");
        assertThat(g.traits()).containsEntry("name", "Acme");
        CustomerEvent a = Ingest.awaitEvent(alias);
        assertThat(a.type()).isEqualTo(EventType.ALIAS);
        assertThat(a.previousId()).isEqualTo("anon-p");
    }

    @Test
    void a_v1_ecommerce_track_name_lands_under_its_v2_name() {
        String messageId = unique("m");

        given().header("Authorization", Ingest.basic(writeKey())).contentType(ContentType.JSON)
                .body(Map.of("userId", "u", "messageId", messageId, "event", "Completed Order",
                        "properties", Map.of("order_id", "o-9", "total", 10)))
                .when().post("/v1/track")
                .then().statusCode(200);

        assertThat(Ingest.awaitEvent(messageId).name()).isEqualTo("Order Completed");
    }

    @Test
    void group_without_group_id_and_alias_without_previous_id_are_400_naming_the_field() {
        given().header("Authorization", Ingest.basic(writeKey())).contentType(ContentType.JSON)
                .body(Map.of("userId", "u"))
                .when().post("/v1/group")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("groupId"));
        given().header("Authorization", Ingest.basic(writeKey())).contentType(ContentType.JSON)
                .body(Map.of("userId", "u"))
                .when().post("/v1/alias")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("previousId"));
    }

    @Test
    void a_gzipped_single_message_lands() {
        String messageId = unique("m");

        given().header("Authorization", Ingest.basic(writeKey())).contentType(ContentType.JSON)
                .header("Content-Encoding", "gzip")
                .body(Ingest.gzip("{\"userId\":\"u\",\"event\":\"Cart Viewed\",\"messageId\":\"" + messageId + "\"}"))
                .when().post("/v1/track")
                .then().statusCode(200);

        assertThat(Ingest.awaitEvent(messageId).name()).isEqualTo("Cart Viewed");
    }
}
