package crm.profile.predictions;

import crm.events.EventNames;
import crm.events.Identities;
import crm.events.ProfileChanged;
import crm.profile.Events;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static crm.profile.predictions.PredictionApiTest.awaitProfile;
import static crm.profile.predictions.PredictionApiTest.decimal;
import static crm.profile.predictions.PredictionApiTest.prediction;
import static crm.profile.predictions.PredictionApiTest.refit;
import static crm.profile.predictions.PredictionApiTest.shop;
import static crm.profile.traits.ProfileProbe.awaitPublished;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Between refits, a change of purchase history recomputes the profile's predictions at once from the last model. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class PredictionOnFoldTest {

    @Test
    void a_new_order_recomputes_expected_purchases_and_p_alive_from_the_last_model_without_a_refit() {
        String ws = "ws-" + UUID.randomUUID();
        Map<String, String> ids = shop(ws);
        String once = ids.get("once-1@example.com");
        JsonPath fit = refit(ws);
        JsonPath before = prediction(ws, once);
        assertThat(decimal(before, "pAlive")).isEqualByComparingTo("1.00");

        Events.send(Events.track(ws, Identities.of(null, null, "once-1@example.com"), EventNames.ORDER_COMPLETED,
                Map.of("order_id", "once-1-again", "total", new BigDecimal("40.00"), "currency", "EUR"), Instant.now()));
        JsonPath profile = awaitProfile(ws, "once-1@example.com", p -> p.getInt("traits.orders_count") == 2);

        JsonPath after = prediction(ws, once);
        assertThat(after.getInt("frequency")).isEqualTo(1);
        assertThat(decimal(after, "pAlive")).isLessThan(BigDecimal.ONE);
        assertThat(decimal(after, "expectedPurchases90d")).isNotEqualByComparingTo(decimal(before, "expectedPurchases90d"));
        assertThat(after.getString("model.fittedAt")).isEqualTo(fit.getString("model.fittedAt"));
        assertThat(decimal(profile, "traits.p_alive")).isEqualByComparingTo(decimal(after, "pAlive"));
        assertThat(decimal(profile, "traits.expected_purchases_90d")).isEqualByComparingTo(decimal(after, "expectedPurchases90d"));
        assertThat(decimal(profile, "traits.churn_risk")).isEqualByComparingTo(BigDecimal.ONE.subtract(decimal(after, "pAlive")));
        long version = profile.getLong("version");
        ProfileChanged published = awaitPublished(once, ProfileChanged.class, c -> c.version() == version);
        assertThat(new BigDecimal(published.traits().get("p_alive").toString())).isEqualByComparingTo(decimal(after, "pAlive"));
        // The model is the one of the last fit: no refit happened.
        assertThat(given().auth().oauth2(CrmTestInfra.apiToken(ws)).get("/v1/predictions/model").then().statusCode(200)
                .extract().jsonPath().getString("fittedAt")).isEqualTo(fit.getString("model.fittedAt"));
    }
}
