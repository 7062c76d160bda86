package crm.profile.predictions;

import crm.events.CustomerEvent;
import crm.events.EventNames;
import crm.events.Identities;
import crm.events.Json;
import crm.events.ProfileChanged;
import crm.events.ProfileMessage;
import crm.events.Topics;
import crm.profile.Events;
import crm.profile.TestClock;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Orders through the real broker into real profiles, refits over HTTP and on the schedule, snapshots back on the broker. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class PredictionApiTest {
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final Duration DAY = Duration.ofDays(1);

    @Inject
    TestClock clock;
    @Inject
    RefitSchedule schedule;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A customer and the days ago (from the real now) of their orders, 40.00 each. */
    record Customer(String email, int... daysAgo) {
    }

    /**
     * A workspace of 12 customers, through the real broker: 4 regulars who still buy every 20 days, 4 who bought three
     * times long ago and stopped, 4 who bought once. Answers the profile id of each email once every order is folded.
     */
    static Map<String, String> shop(String ws) {
        List<Customer> customers = List.of(
                new Customer("regular-1@example.com", 200, 180, 160, 140, 120, 100, 80, 60, 40, 20, 5),
                new Customer("regular-2@example.com", 150, 130, 110, 90, 70, 50, 30, 10),
                new Customer("regular-3@example.com", 190, 170, 150, 120, 90, 60, 30, 8),
                new Customer("regular-4@example.com", 100, 80, 60, 40, 20, 3),
                new Customer("lapsed-1@example.com", 300, 290, 280),
                new Customer("lapsed-2@example.com", 310, 295, 270),
                new Customer("lapsed-3@example.com", 320, 300, 290),
                new Customer("lapsed-4@example.com", 330, 320, 260),
                new Customer("once-1@example.com", 50),
                new Customer("once-2@example.com", 90),
                new Customer("once-3@example.com", 150),
                new Customer("once-4@example.com", 250));
        Instant now = Instant.now();
        List<CustomerEvent> orders = new java.util.ArrayList<>();
        for (Customer c : customers) {
            Identities ids = Identities.of(null, null, c.email());
            for (int d : c.daysAgo()) {
                orders.add(Events.track(ws, ids, EventNames.ORDER_COMPLETED,
                        Map.of("order_id", c.email() + "-" + d, "total", new BigDecimal("40.00"), "currency", "EUR"), now.minus(DAY.multipliedBy(d))));
            }
        }
        EventBatch.send(orders);
        Map<String, String> ids = new LinkedHashMap<>();
        for (Customer c : customers) {
            JsonPath p = awaitProfile(ws, c.email(), j -> j.getInt("traits.orders_count") == c.daysAgo().length);
            ids.put(c.email(), p.getString("id"));
        }
        return ids;
    }

    static JsonPath awaitProfile(String ws, String email, java.util.function.Predicate<JsonPath> condition) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            var r = given().auth().oauth2(CrmTestInfra.apiToken(ws)).queryParam("email", email).get("/v1/profiles");
            return r.statusCode() == 200 ? r.jsonPath() : null;
        }, p -> p != null && condition.test(p));
    }

    static JsonPath prediction(String ws, String profileId) {
        return given().auth().oauth2(CrmTestInfra.apiToken(ws)).get("/v1/predictions/profiles/" + profileId)
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath profile(String ws, String profileId) {
        return given().auth().oauth2(CrmTestInfra.apiToken(ws)).get("/v1/profiles/" + profileId).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath refit(String ws) {
        return given().auth().oauth2(CrmTestInfra.apiToken(ws)).post("/v1/predictions/refit").then().statusCode(200).extract().jsonPath();
    }

    static BigDecimal decimal(JsonPath j, String path) {
        return new BigDecimal(j.getString(path));
    }

    static ProfileChanged published(String profileId, long version) {
        var record = CrmTestInfra.kafka().await(Topics.PROFILES, r -> profileId.equals(r.key())
                && Json.read(r.value(), ProfileMessage.class) instanceof ProfileChanged c && c.version() == version, PATIENCE);
        return (ProfileChanged) Json.read(record.value(), ProfileMessage.class);
    }

    @Test
    void a_refit_predicts_every_customer_and_puts_the_predictions_in_their_traits_and_snapshots() {
        String ws = "ws-" + UUID.randomUUID();
        Map<String, String> ids = shop(ws);
        String regular = ids.get("regular-1@example.com");
        String lapsed = ids.get("lapsed-1@example.com");
        String once = ids.get("once-1@example.com");
        long versionBefore = profile(ws, regular).getLong("version");

        JsonPath fit = refit(ws);

        assertThat(fit.getInt("predicted")).isEqualTo(12);
        assertThat(fit.getInt("changed")).isEqualTo(12);
        assertThat(fit.getInt("model.customers")).isEqualTo(12);
        assertThat(fit.getString("model.timeUnit")).isEqualTo("day");
        for (String p : List.of("r", "alpha", "a", "b")) assertThat(fit.getDouble("model." + p)).isPositive();

        JsonPath r = prediction(ws, regular);
        JsonPath l = prediction(ws, lapsed);
        JsonPath o = prediction(ws, once);
        assertThat(r.getInt("frequency")).isEqualTo(10);
        assertThat(r.getDouble("recencyDays")).isEqualTo(195.0);
        assertThat(r.getDouble("ageDays")).isEqualTo(200.0);
        assertThat(decimal(r, "pAlive")).isGreaterThan(decimal(l, "pAlive"));
        assertThat(decimal(r, "expectedPurchases90d")).isGreaterThan(decimal(l, "expectedPurchases90d"));
        assertThat(decimal(r, "churnRisk")).isEqualByComparingTo(BigDecimal.ONE.subtract(decimal(r, "pAlive")));
        assertThat(decimal(r, "averageBasket")).isEqualByComparingTo("40.00");
        assertThat(decimal(r, "clv90d")).isCloseTo(decimal(r, "expectedPurchases90d").multiply(new BigDecimal("40")),
                org.assertj.core.api.Assertions.within(new BigDecimal("0.01")));
        // BG/NBD: a customer who never came back has not shown they can leave.
        assertThat(decimal(o, "pAlive")).isEqualByComparingTo("1.00");
        assertThat(decimal(o, "churnRisk")).isEqualByComparingTo("0.00");

        JsonPath traits = profile(ws, regular);
        assertThat(traits.getLong("version")).isEqualTo(versionBefore + 1);
        assertThat(decimal(traits, "traits.p_alive")).isEqualByComparingTo(decimal(r, "pAlive"));
        assertThat(decimal(traits, "traits.churn_risk")).isEqualByComparingTo(decimal(r, "churnRisk"));
        assertThat(decimal(traits, "traits.expected_purchases_90d")).isEqualByComparingTo(decimal(r, "expectedPurchases90d"));
        assertThat(decimal(traits, "traits.clv_90d")).isEqualByComparingTo(decimal(r, "clv90d"));
        ProfileChanged snapshot = published(regular, versionBefore + 1);
        assertThat(new BigDecimal(snapshot.traits().get("p_alive").toString())).isEqualByComparingTo(decimal(r, "pAlive"));
        assertThat(snapshot.traits()).containsKeys("churn_risk", "expected_purchases_90d", "clv_90d", "orders_count");

        // Nothing moved: a second refit changes and republishes nothing.
        JsonPath again = refit(ws);
        assertThat(again.getInt("changed")).isZero();
        assertThat(profile(ws, regular).getLong("version")).isEqualTo(versionBefore + 1);
    }

    @Test
    void as_time_passes_without_orders_a_refit_raises_churn_risk_and_republishes() {
        String ws = "ws-" + UUID.randomUUID();
        Map<String, String> ids = shop(ws);
        String regular = ids.get("regular-2@example.com");
        refit(ws);
        JsonPath before = prediction(ws, regular);
        long version = profile(ws, regular).getLong("version");

        clock.advance(DAY.multipliedBy(365));
        JsonPath fit = refit(ws);

        JsonPath after = prediction(ws, regular);
        assertThat(fit.getInt("changed")).isPositive();
        assertThat(after.getDouble("ageDays")).isEqualTo(before.getDouble("ageDays") + 365);
        assertThat(decimal(after, "churnRisk")).isGreaterThan(decimal(before, "churnRisk"));
        assertThat(decimal(after, "expectedPurchases90d")).isLessThan(decimal(before, "expectedPurchases90d"));
        ProfileChanged snapshot = published(regular, version + 1);
        assertThat(new BigDecimal(snapshot.traits().get("churn_risk").toString())).isEqualByComparingTo(decimal(after, "churnRisk"));
    }

    @Test
    void a_later_event_keeps_the_predictions_in_the_profiles_traits() {
        String ws = "ws-" + UUID.randomUUID();
        Map<String, String> ids = shop(ws);
        String regular = ids.get("regular-3@example.com");
        refit(ws);
        JsonPath predicted = prediction(ws, regular);

        Events.send(Events.identify(ws, Identities.of(null, null, "regular-3@example.com"),
                Map.of("first_name", "Rita", "churn_risk", "0.99")));
        JsonPath p = awaitProfile(ws, "regular-3@example.com", j -> "Rita".equals(j.getString("traits.first_name")));

        assertThat(decimal(p, "traits.churn_risk")).isEqualByComparingTo(decimal(predicted, "churnRisk"));
        assertThat(decimal(p, "traits.p_alive")).isEqualByComparingTo(decimal(predicted, "pAlive"));
    }

    @Test
    void the_scheduled_pass_refits_a_workspace_when_its_model_is_due() throws Exception {
        String ws = "ws-" + UUID.randomUUID();
        shop(ws);
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).get("/v1/predictions/model").then().statusCode(404);

        assertThat(schedule.refitDueWorkspaces()).contains(ws);
        JsonPath model = given().auth().oauth2(CrmTestInfra.apiToken(ws)).get("/v1/predictions/model").then().statusCode(200)
                .extract().jsonPath();
        assertThat(model.getInt("customers")).isEqualTo(12);
        String fittedAt = model.getString("fittedAt");

        // Fitted moments ago: not due again (the period is 24 h; due after half of it).
        assertThat(schedule.refitDueWorkspaces()).doesNotContain(ws);
        clock.advance(Duration.ofHours(13));
        assertThat(schedule.refitDueWorkspaces()).contains(ws);
        assertThat(given().auth().oauth2(CrmTestInfra.apiToken(ws)).get("/v1/predictions/model").jsonPath().getString("fittedAt"))
                .isNotEqualTo(fittedAt);
    }

    @Test
    void a_workspace_with_too_few_customers_is_not_fitted() {
        String ws = "ws-" + UUID.randomUUID();
        Identities ids = Identities.of(null, null, "solo@example.com");
        Events.send(Events.track(ws, ids, EventNames.ORDER_COMPLETED, Map.of("order_id", "1", "total", 10), Instant.now()));
        awaitProfile(ws, "solo@example.com", j -> j.getInt("traits.orders_count") == 1);

        given().auth().oauth2(CrmTestInfra.apiToken(ws)).post("/v1/predictions/refit").then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("at least 10 customers"));
    }

    @Test
    void predictions_of_another_workspace_or_an_unknown_profile_are_not_found() {
        String ws = "ws-" + UUID.randomUUID();
        Map<String, String> ids = shop(ws);
        refit(ws);
        String other = CrmTestInfra.apiToken("ws-" + UUID.randomUUID());

        given().auth().oauth2(other).get("/v1/predictions/profiles/" + ids.get("regular-1@example.com")).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).get("/v1/predictions/profiles/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).get("/v1/predictions/profiles/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/v1/predictions/profiles/" + ids.get("regular-1@example.com")).then().statusCode(401);
        given().post("/v1/predictions/refit").then().statusCode(401);
    }

    @Test
    void erasing_a_profile_erases_its_prediction() {
        String ws = "ws-" + UUID.randomUUID();
        Map<String, String> ids = shop(ws);
        refit(ws);
        String erased = ids.get("lapsed-2@example.com");
        prediction(ws, erased);

        given().auth().oauth2(CrmTestInfra.apiToken(ws)).delete("/v1/profiles/" + erased).then().statusCode(204);

        given().auth().oauth2(CrmTestInfra.apiToken(ws)).get("/v1/predictions/profiles/" + erased).then().statusCode(404);
        // The next refit predicts for the 11 customers left.
        assertThat(refit(ws).getInt("predicted")).isEqualTo(11);
    }
}
