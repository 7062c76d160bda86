package crm.profile.computed;

import crm.events.CustomerEvent;
import crm.events.EventNames;
import crm.events.EventType;
import crm.events.Identities;
import crm.events.ProfileChanged;
import crm.profile.TestClock;
import crm.profile.folding.DecayPass;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static crm.profile.traits.ProfileProbe.PATIENCE;
import static crm.profile.traits.ProfileProbe.awaitProfile;
import static crm.profile.traits.ProfileProbe.awaitPublished;
import static crm.profile.traits.ProfileProbe.published;
import static crm.profile.traits.ProfileProbe.sendAndAwait;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Custom computed traits through the API, the real broker and database: backfill, fold, decay, merge, erasure. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class ComputedTraitApiTest {
    @Inject
    DataSource db;
    @Inject
    TestClock clock;
    @Inject
    DecayPass decay;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static RequestSpecification api(String ws) {
        return given().auth().oauth2(CrmTestInfra.apiToken(ws)).contentType(ContentType.JSON);
    }

    static Map<String, Object> count(String name, String event, Map<String, Object> where, Integer withinDays) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("kind", "count");
        body.put("event", event);
        if (where != null) body.put("where", where);
        if (withinDays != null) body.put("withinDays", withinDays);
        return body;
    }

    static JsonPath define(String ws, Map<String, Object> body) {
        return api(ws).body(body).post("/v1/computed-traits").then().statusCode(201).extract().jsonPath();
    }

    /** Waits until the definition's backfill (of its current revision) is done. */
    static JsonPath awaitBackfilled(String ws, String id) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(
                () -> api(ws).get("/v1/computed-traits/" + id).then().statusCode(200).extract().jsonPath(),
                j -> "ready".equals(j.getString("backfill.status")));
    }

    static CustomerEvent order(String ws, Identities who, String currency, String total, Instant at) {
        return new CustomerEvent(UUID.randomUUID().toString(), ws, EventType.TRACK, EventNames.ORDER_COMPLETED, who, null,
                Map.of("order_id", UUID.randomUUID().toString(), "currency", currency, "total", new BigDecimal(total)), null, at, at, "api", null);
    }

    static CustomerEvent viewed(String ws, Identities who, String category, Instant at) {
        return new CustomerEvent(UUID.randomUUID().toString(), ws, EventType.TRACK, EventNames.PRODUCT_VIEWED, who, null,
                Map.of("category", category), null, at, at, "api", null);
    }

    @Test
    void a_trait_defined_after_the_fact_is_backfilled_from_history_in_the_background_published_and_then_folded() {
        String ws = "ws-" + UUID.randomUUID();
        Identities ann = Identities.of(null, null, "ann@example.com");
        Identities bob = Identities.of(null, null, "bob@example.com");
        Instant t = Instant.now().minus(Duration.ofDays(3));
        sendAndAwait(db, order(ws, ann, "EUR", "10.00", t));
        sendAndAwait(db, order(ws, ann, "EUR", "5.50", t.plusSeconds(60)));
        sendAndAwait(db, order(ws, ann, "USD", "99.00", t.plusSeconds(120)));
        sendAndAwait(db, viewed(ws, bob, "Hats", t));
        String annId = awaitProfile(ws, "email", "ann@example.com", p -> true).getString("id");

        JsonPath created = define(ws, count("eur_orders", "Order Completed", Map.of("property", "currency", "value", "EUR"), null));
        assertThat(created.getString("backfill.status")).isEqualTo("pending");
        assertThat(created.getInt("revision")).isEqualTo(1);
        Map<String, Object> sum = Map.of("name", "eur_spent", "kind", "sum", "event", "Order Completed", "property", "total",
                "where", Map.of("property", "currency", "value", "EUR"));
        String sumId = define(ws, sum).getString("id");
        String lastId = define(ws, Map.of("name", "last_currency", "kind", "last", "event", "Order Completed", "property", "currency"))
                .getString("id");

        JsonPath done = awaitBackfilled(ws, created.getString("id"));
        awaitBackfilled(ws, sumId);
        awaitBackfilled(ws, lastId);
        assertThat(done.getInt("backfill.profiles")).isEqualTo(2);
        JsonPath annProfile = awaitProfile(ws, "email", "ann@example.com", p -> p.get("traits.last_currency") != null);
        assertThat(annProfile.getInt("traits.eur_orders")).isEqualTo(2);
        assertThat(new BigDecimal(annProfile.getString("traits.eur_spent"))).isEqualByComparingTo("15.50");
        assertThat(annProfile.getString("traits.last_currency")).isEqualTo("USD");
        JsonPath bobProfile = awaitProfile(ws, "email", "bob@example.com", p -> p.get("traits.eur_orders") != null);
        assertThat(bobProfile.getInt("traits.eur_orders")).isEqualTo(0);
        assertThat(bobProfile.getMap("traits")).doesNotContainKey("last_currency");
        // segment-service reads custom.<name> from the traits of ProfileChanged.
        ProfileChanged backfilled = awaitPublished(annId, ProfileChanged.class, c -> "USD".equals(c.traits().get("last_currency")));
        assertThat(backfilled.traits()).containsEntry("eur_orders", 2);

        sendAndAwait(db, order(ws, ann, "EUR", "1.00", Instant.now()));
        JsonPath after = awaitProfile(ws, "email", "ann@example.com", p -> p.getInt("traits.eur_orders") == 3);
        assertThat(after.getString("traits.last_currency")).isEqualTo("EUR");
        awaitPublished(annId, ProfileChanged.class, c -> Integer.valueOf(3).equals(c.traits().get("eur_orders")));
    }

    @Test
    void values_within_n_days_fall_through_the_decay_pass_and_only_changed_profiles_are_republished() throws Exception {
        String ws = "ws-" + UUID.randomUUID();
        awaitBackfilled(ws, define(ws, count("orders_7d", "Order Completed", null, 7)).getString("id"));
        Identities cy = Identities.of(null, null, "cy@example.com");
        Identities di = Identities.of(null, null, "di@example.com");
        sendAndAwait(db, order(ws, cy, "EUR", "20.00", Instant.now()));
        sendAndAwait(db, viewed(ws, di, "Hats", Instant.now()));
        String cyId = awaitProfile(ws, "email", "cy@example.com", p -> p.getInt("traits.orders_7d") == 1).getString("id");
        String diId = awaitProfile(ws, "email", "di@example.com", p -> true).getString("id");
        int diMessages = published(diId).size();

        clock.advance(Duration.ofDays(8));
        decay.run();

        JsonPath cyAfter = awaitProfile(ws, "email", "cy@example.com", p -> p.getInt("traits.orders_7d") == 0);
        assertThat(cyAfter.getInt("traits.orders_count")).isEqualTo(1);
        awaitPublished(cyId, ProfileChanged.class, c -> Integer.valueOf(0).equals(c.traits().get("orders_7d")));
        // Di's values did not move in 8 days (30-day product visits, no order): not republished.
        assertThat(published(diId)).hasSize(diMessages);
    }

    @Test
    void merged_profiles_add_up_their_values_and_an_erased_profile_leaves_nothing() throws Exception {
        String ws = "ws-" + UUID.randomUUID();
        awaitBackfilled(ws, define(ws, count("hat_views", "Product Viewed", Map.of("property", "category", "value", "Hats"), null)).getString("id"));
        String anonymousId = "anon-" + UUID.randomUUID();
        Instant t = Instant.now().minusSeconds(600);
        sendAndAwait(db, viewed(ws, Identities.of(null, anonymousId, null), "Hats", t));
        sendAndAwait(db, viewed(ws, Identities.of(null, anonymousId, null), "Hats", t.plusSeconds(1)));
        sendAndAwait(db, viewed(ws, Identities.of("u-eve", null, null), "Hats", t.plusSeconds(2)));
        sendAndAwait(db, viewed(ws, Identities.of("u-eve", null, null), "Shoes", t.plusSeconds(3)));
        awaitProfile(ws, "userId", "u-eve", p -> p.getInt("traits.hat_views") == 1);

        // One event names both: the profiles merge and the count is the sum of both timelines.
        sendAndAwait(db, new CustomerEvent(UUID.randomUUID().toString(), ws, EventType.IDENTIFY, null,
                Identities.of("u-eve", anonymousId, "eve@example.com"), Map.of(), null, null, Instant.now(), Instant.now(), "api", null));
        JsonPath merged = awaitProfile(ws, "email", "eve@example.com", p -> p.getInt("traits.hat_views") == 3);
        String id = merged.getString("id");

        api(ws).delete("/v1/profiles/" + id).then().statusCode(204);
        api(ws).get("/v1/profiles/" + id).then().statusCode(404);
        try (var c = db.getConnection(); var s = c.prepareStatement("select count(*) from profiles where workspace_id = ?")) {
            s.setString(1, ws);
            try (var rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void editing_recomputes_the_values_and_deleting_takes_them_out_of_every_profile() {
        String ws = "ws-" + UUID.randomUUID();
        Identities fay = Identities.of(null, null, "fay@example.com");
        Instant t = Instant.now().minusSeconds(600);
        sendAndAwait(db, order(ws, fay, "EUR", "1.00", t));
        sendAndAwait(db, order(ws, fay, "EUR", "2.00", t.plusSeconds(1)));
        sendAndAwait(db, order(ws, fay, "USD", "3.00", t.plusSeconds(2)));
        String id = define(ws, count("currency_orders", "Order Completed", Map.of("property", "currency", "value", "EUR"), null)).getString("id");
        awaitBackfilled(ws, id);
        awaitProfile(ws, "email", "fay@example.com", p -> Integer.valueOf(2).equals(p.get("traits.currency_orders")));

        JsonPath edited = api(ws).body(count("currency_orders", "Order Completed", Map.of("property", "currency", "value", "USD"), null))
                .put("/v1/computed-traits/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(edited.getInt("revision")).isEqualTo(2);
        assertThat(edited.getString("backfill.status")).isEqualTo("pending");
        awaitBackfilled(ws, id);
        awaitProfile(ws, "email", "fay@example.com", p -> Integer.valueOf(1).equals(p.get("traits.currency_orders")));

        api(ws).delete("/v1/computed-traits/" + id).then().statusCode(204);
        api(ws).get("/v1/computed-traits/" + id).then().statusCode(404);
        JsonPath gone = awaitProfile(ws, "email", "fay@example.com", p -> !p.getMap("traits").containsKey("currency_orders"));
        assertThat(gone.getInt("traits.orders_count")).isEqualTo(3);
        assertThat(api(ws).get("/v1/computed-traits").then().statusCode(200).extract().jsonPath().getList("computedTraits")).isEmpty();
    }

    @Test
    void definitions_are_validated_field_by_field_unique_limited_and_private_to_their_workspace() {
        String ws = "ws-" + UUID.randomUUID();
        api(ws).body(count("Orders-EUR", "Order Completed", null, null)).post("/v1/computed-traits")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("name"));
        api(ws).body(count("orders_count", "Order Completed", null, null)).post("/v1/computed-traits")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("name"));
        api(ws).body(Map.of("name", "x", "kind", "median", "event", "E")).post("/v1/computed-traits")
                .then().statusCode(400).body("field", equalTo("kind"));
        api(ws).body(Map.of("name", "x", "kind", "count", "event", "E", "withinDays", "soon")).post("/v1/computed-traits")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("withinDays"));
        api(ws).body(Map.of("name", "x", "kind", "sum", "event", "E")).post("/v1/computed-traits")
                .then().statusCode(400).body("field", equalTo("property"));
        api(ws).body(Map.of("name", "x", "kind", "count", "event", "E", "where", Map.of("property", "currency")))
                .post("/v1/computed-traits").then().statusCode(400).body("field", equalTo("where.value"));
        given().contentType(ContentType.JSON).body(count("x", "E", null, null)).post("/v1/computed-traits").then().statusCode(401);

        String id = define(ws, count("first_one", "E", null, null)).getString("id");
        api(ws).body(count("first_one", "F", null, null)).post("/v1/computed-traits")
                .then().statusCode(409).contentType("application/problem+json").body("field", equalTo("name"));

        String other = "ws-" + UUID.randomUUID();
        api(other).get("/v1/computed-traits/" + id).then().statusCode(404).contentType("application/problem+json");
        api(other).body(count("first_one", "G", null, null)).put("/v1/computed-traits/" + id).then().statusCode(404);
        api(other).body("{}").put("/v1/computed-traits/" + id).then().statusCode(404);
        api(other).delete("/v1/computed-traits/" + id).then().statusCode(404);
        assertThat(api(other).get("/v1/computed-traits").then().statusCode(200).extract().jsonPath().getList("computedTraits")).isEmpty();
        api(ws).get("/v1/computed-traits/not-an-id").then().statusCode(404);

        int max = api(ws).get("/v1/computed-traits").then().statusCode(200).extract().jsonPath().getInt("max");
        for (int i = 1; i < max; i++) define(ws, count("trait_" + i, "E", null, null));
        api(ws).body(count("one_too_many", "E", null, null)).post("/v1/computed-traits")
                .then().statusCode(409).contentType("application/problem+json");
        assertThat(api(ws).get("/v1/computed-traits").then().extract().jsonPath().getList("computedTraits")).hasSize(max);
    }
}
