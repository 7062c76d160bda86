package crm.profile.privacy;

import crm.events.CustomerEvent;
import crm.events.Identities;
import crm.profile.Events;
import crm.profile.ShopifyEvents;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static crm.profile.traits.ProfileProbe.PATIENCE;
import static crm.profile.traits.ProfileProbe.awaitProfile;
import static crm.profile.traits.ProfileProbe.get;
import static crm.profile.traits.ProfileProbe.sendAndAwait;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Shopify customers/data_request, from the event on the broker to the export document through the API. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class DataRequestTest {
    @Inject
    DataSource db;

    static JsonPath awaitRequest(String ws, java.util.function.Predicate<JsonPath> done) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonPath list = get(ws, "/v1/data-requests");
            List<String> ids = list.getList("dataRequests.id");
            return ids.isEmpty() ? null : get(ws, "/v1/data-requests/" + ids.get(0));
        }, j -> j != null && done.test(j));
    }

    @Test
    void an_export_request_of_a_known_customer_becomes_a_ready_data_request_holding_the_profile_export() {
        String ws = "ws-" + UUID.randomUUID();
        sendAndAwait(db, Events.identify(ws, Identities.of(null, null, "john@example.com"), Map.of("first_name", "John")));
        String id = awaitProfile(ws, "email", "john@example.com", p -> true).getString("id");
        CustomerEvent request = ShopifyEvents.dataRequest(ws);
        sendAndAwait(db, request);

        JsonPath ready = awaitRequest(ws, j -> "ready".equals(j.getString("status")));
        assertThat(ready.getString("source")).isEqualTo("shopify");
        assertThat(ready.getString("externalId")).isEqualTo("9999");
        assertThat(ready.getString("eventId")).isEqualTo(request.id());
        assertThat(ready.getList("profileIds")).containsExactly(id);
        assertThat(ready.getString("completedAt")).isNotNull();
        JsonPath export = get(ws, "/v1/profiles/" + id + "/export");
        assertThat(ready.getMap("exports[0].profile")).isEqualTo(export.getMap("profile"));
        assertThat(ready.getMap("exports[0].consent")).isEqualTo(export.getMap("consent"));
        assertThat(ready.getList("exports[0].events")).isEqualTo(export.getList("events"));
        assertThat(ready.getList("exports[0].mergedProfileIds")).isEqualTo(export.getList("mergedProfileIds"));
        // The request itself is not folded into the profile.
        assertThat(get(ws, "/v1/profiles/" + id).getLong("version")).isEqualTo(1);

        String other = "ws-" + UUID.randomUUID();
        given().auth().oauth2(CrmTestInfra.apiToken(other)).get("/v1/data-requests/" + ready.getString("id"))
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(get(other, "/v1/data-requests").getList("dataRequests")).isEmpty();

        // Erasing the customer erases the export held about them too.
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).delete("/v1/profiles/" + id).then().statusCode(204);
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).get("/v1/data-requests/" + ready.getString("id")).then().statusCode(404);
    }

    @Test
    void an_export_request_of_a_customer_we_do_not_know_says_no_data_held_and_creates_no_profile() {
        String ws = "ws-" + UUID.randomUUID();
        sendAndAwait(db, ShopifyEvents.dataRequest(ws));

        JsonPath done = awaitRequest(ws, j -> !"pending".equals(j.getString("status")));
        assertThat(done.getString("status")).isEqualTo("no_data_held");
        assertThat(done.getList("exports")).isEmpty();
        assertThat(get(ws, "/v1/data-requests?status=no_data_held").getList("dataRequests")).hasSize(1);
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).queryParam("email", "john@example.com").get("/v1/profiles").then().statusCode(404);
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).get("/v1/data-requests?status=lost").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
