package crm.profile.traits;

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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static crm.profile.traits.ProfileProbe.awaitProfile;
import static crm.profile.traits.ProfileProbe.awaitPublished;
import static crm.profile.traits.ProfileProbe.get;
import static crm.profile.traits.ProfileProbe.published;
import static crm.profile.traits.ProfileProbe.sendAndAwait;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Rolling 30-day values fall as the (injected) clock moves, with no new event. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class DecayTest {
    @Inject
    DataSource db;
    @Inject
    DecayPass decay;
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void thirty_day_values_fall_when_time_passes_and_only_changed_profiles_are_republished() throws Exception {
        String ws = "ws-" + UUID.randomUUID();
        Identities lea = Identities.of(null, null, "lea@example.com");
        Instant now = Instant.now();
        sendAndAwait(db, new CustomerEvent(UUID.randomUUID().toString(), ws, EventType.TRACK, EventNames.PRODUCT_VIEWED, lea, null,
                Map.of("category", "Hats"), null, now, now, "api", null));
        sendAndAwait(db, new CustomerEvent(UUID.randomUUID().toString(), ws, EventType.PAGE, "Home", lea, null,
                Map.of("url", "https://shop.example/"), null, now, now, "api", null));
        JsonPath before = awaitProfile(ws, "email", "lea@example.com", p -> p.getInt("traits.visits") == 1);
        String id = before.getString("id");
        assertThat(before.getInt("traits.product_visits_30d")).isEqualTo(1);
        assertThat(before.getInt("traits.engagement_score_30d")).isEqualTo(5);
        long version = before.getLong("version");

        // A day later nothing has left the window: nothing to republish for her.
        clock.advance(Duration.ofDays(1));
        decay.run();
        assertThat(get(ws, "/v1/profiles/" + id).getLong("version")).isEqualTo(version);

        clock.advance(Duration.ofDays(30));
        decay.run();

        JsonPath after = get(ws, "/v1/profiles/" + id);
        assertThat(after.getLong("version")).isEqualTo(version + 1);
        assertThat(after.getInt("traits.product_visits_30d")).isZero();
        assertThat(after.getInt("traits.visits_30d")).isZero();
        assertThat(after.getInt("traits.engagement_score_30d")).isZero();
        assertThat(after.getInt("traits.product_visits")).isEqualTo(1);
        assertThat(after.getInt("traits.engagement_score")).isEqualTo(5);
        ProfileChanged snapshot = awaitPublished(id, ProfileChanged.class, c -> c.version() == version + 1);
        assertThat(snapshot.traits()).containsEntry("product_visits_30d", 0).containsEntry("visits_30d", 0);

        // A second pass finds nothing more to change for her.
        decay.run();
        assertThat(get(ws, "/v1/profiles/" + id).getLong("version")).isEqualTo(version + 1);
        assertThat(published(id).stream().filter(ProfileChanged.class::isInstance)
                .filter(m -> ((ProfileChanged) m).version() > version + 1)).isEmpty();
    }

    @Test
    void engagement_weights_are_set_per_workspace_through_the_api() {
        String ws = "ws-" + UUID.randomUUID();
        String token = CrmTestInfra.apiToken(ws);
        given().auth().oauth2(token).get("/v1/trait-settings").then().statusCode(200)
                .body("engagementWeights.emailClicks", org.hamcrest.Matchers.equalTo(4));
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"engagementWeights\":{\"visits\":3,\"productVisits\":0.5},\"b2bPagePath\":\"/pro\"}")
                .put("/v1/trait-settings").then().statusCode(200);
        given().auth().oauth2(token).contentType("application/json").body("{\"engagementWeights\":{\"visits\":-1}}")
                .put("/v1/trait-settings").then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("engagementWeights.visits"));
        given().auth().oauth2(token).contentType("application/json").body("{\"b2bPagePath\":\"pro\"}")
                .put("/v1/trait-settings").then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("b2bPagePath"));
        // A wrongly typed field is a problem document naming it too (not Quarkus's plain JSON answer).
        given().auth().oauth2(token).contentType("application/json").body("{\"engagementWeights\":{\"emailOpens\":\"many\"}}")
                .put("/v1/trait-settings").then().statusCode(400).contentType("application/problem+json")
                .body("field", org.hamcrest.Matchers.equalTo("engagementWeights.emailOpens"));

        Identities max = Identities.of(null, null, "max@example.com");
        Instant now = Instant.now();
        sendAndAwait(db, new CustomerEvent(UUID.randomUUID().toString(), ws, EventType.PAGE, "Pro", max, null,
                Map.of("url", "https://shop.example/pro/catalogue"), null, now, now, "api", null));
        sendAndAwait(db, new CustomerEvent(UUID.randomUUID().toString(), ws, EventType.TRACK, EventNames.PRODUCT_VIEWED, max, null,
                Map.of(), null, now, now, "api", null));

        JsonPath p = awaitProfile(ws, "email", "max@example.com", x -> x.getInt("traits.product_visits") == 1);
        assertThat(p.getString("traits.engagement_score")).isEqualTo("3.5");
        assertThat(p.getBoolean("traits.b2b")).isTrue();
    }
}
