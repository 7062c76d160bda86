package crm.journey.journeys;

import crm.journey.Transitions;
import crm.journey.providers.ProviderStubs;
import crm.journey.runtime.Database;
import crm.journey.sends.SendScenario;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** POST /v1/journeys/{id}/test-send: a step's message now, to an address, marked as a test, leaving no trace. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
@QuarkusTestResource(ProviderStubs.class)
class TestSendTest {
    @Inject
    Database database;

    private final SendScenario scenario = SendScenario.ofNewWorkspace();

    private io.restassured.response.ValidatableResponse testSend(String journeyId, String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/v1/journeys/{id}/test-send", journeyId).then();
    }

    private JsonPath refused(String journeyId, String body, int status) {
        return testSend(journeyId, scenario.token(), body).statusCode(status).contentType("application/problem+json")
                .extract().jsonPath();
    }

    private long rows(String table) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from " + table + " where workspace_id = ?")) {
                ps.setString(1, scenario.workspaceId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Test
    void a_test_email_arrives_marked_with_the_sample_traits_and_starts_no_run_and_counts_nowhere() throws Exception {
        String journey = scenario.journey("[{\"type\":\"send\",\"id\":\"mail\",\"channel\":\"email\",\"template\":\"welcome\"}]")[0];
        String email = Transitions.email("tester");

        JsonPath sent = testSend(journey, scenario.token(), "{\"step\":\"mail\",\"to\":\"" + email.toUpperCase()
                + "\",\"traits\":{\"first_name\":\"Ada\"}}").statusCode(200).extract().jsonPath();

        assertThat(sent.getString("subject")).isEqualTo("[Test] Welcome!");
        assertThat(sent.getString("to")).isEqualTo(email);
        assertThat(sent.getString("provider")).isEqualTo("smtp");
        assertThat(sent.getString("messageId")).startsWith("test:");
        await().atMost(SendScenario.PATIENCE).until(() -> !CrmTestInfra.smtp().receivedBy(email).isEmpty());
        var message = CrmTestInfra.smtp().receivedBy(email).get(0);
        assertThat(message.getSubject()).isEqualTo("[Test] Welcome!");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(message)).contains("Ada");
        // The unsubscribe link is shown where the real one goes, and unsubscribes nobody.
        assertThat(message.getHeader("List-Unsubscribe")[0]).isEqualTo("<http://localhost:8084/v1/unsubscribe/test-send>");
        given().post("/v1/unsubscribe/test-send").then().statusCode(404);

        assertThat(rows("runs")).isZero();
        assertThat(rows("sends")).isZero();
        JsonPath stats = scenario.stats(journey);
        assertThat(stats.getInt("entered")).isZero();
        assertThat(stats.getList("steps.sent", Integer.class)).allMatch(n -> n == 0);
    }

    @Test
    void a_test_send_can_show_a_profiles_traits_and_goes_through_the_workspaces_sms_provider() {
        String journey = scenario.journey("[{\"type\":\"send\",\"id\":\"text\",\"channel\":\"sms\",\"template\":\"lost-checkout-sms\"}]")[0];
        scenario.profile(database, "p-sample", Map.of("first_name", "Grace", "phone", "+14155550199"));
        String phone = "+1415" + (1000000 + (int) (Math.random() * 8999999));

        JsonPath sent = testSend(journey, scenario.token(), "{\"step\":\"text\",\"to\":\"" + phone
                + "\",\"profileId\":\"p-sample\",\"event\":{\"checkout_url\":\"https://shop.example/c/1\"}}")
                .statusCode(200).extract().jsonPath();

        assertThat(sent.getString("provider")).isEqualTo("twilio");
        assertThat(sent.getString("providerMessageId")).startsWith("SM");
        String encoded = URLEncoder.encode(phone, StandardCharsets.UTF_8);
        var request = ProviderStubs.REQUESTS.stream().filter(r -> r.body().contains(encoded)).findFirst().orElseThrow();
        assertThat(request.form()).containsEntry("To", phone);
        assertThat(request.form().get("Body")).startsWith("[Test] Hi Grace, your cart is still waiting.");
        assertThat(rows("sends")).isZero();
        assertThat(rows("runs")).isZero();
    }

    @Test
    void a_test_send_names_the_field_it_refuses_and_another_workspaces_journey_is_not_found() {
        String journey = scenario.journey("[{\"type\":\"wait\",\"id\":\"pause\",\"duration\":\"PT1H\"},"
                + "{\"type\":\"send\",\"id\":\"mail\",\"channel\":\"email\",\"template\":\"welcome\"}]")[0];
        assertThat(refused(journey, "{\"step\":\"mail\",\"to\":\"+14155550100\"}", 400).getString("field")).isEqualTo("to");
        assertThat(refused(journey, "{\"step\":\"mail\"}", 400).getString("field")).isEqualTo("to");
        assertThat(refused(journey, "{\"step\":\"pause\",\"to\":\"a@example.com\"}", 400).getString("field")).isEqualTo("step");
        assertThat(refused(journey, "{\"step\":\"nope\",\"to\":\"a@example.com\"}", 400).getString("field")).isEqualTo("step");
        assertThat(refused(journey, "{\"step\":\"mail\",\"to\":\"a@example.com\",\"traits\":[1]}", 400).getString("field")).isEqualTo("traits");
        assertThat(refused(journey, "{\"step\":\"mail\",\"to\":\"a@example.com\",\"profileId\":\"p-unknown\"}", 400)
                .getString("field")).isEqualTo("profileId");
        assertThat(refused(journey, "not json", 400).getString("field")).isEqualTo("body");

        String other = CrmTestInfra.apiToken("ws-" + java.util.UUID.randomUUID());
        testSend(journey, other, "{\"step\":\"mail\",\"to\":\"a@example.com\"}").statusCode(404).contentType("application/problem+json");
        testSend("no-such-journey", scenario.token(), "{\"step\":\"mail\",\"to\":\"a@example.com\"}").statusCode(404);
        given().contentType(ContentType.JSON).body("{}").post("/v1/journeys/{id}/test-send", journey).then().statusCode(401);
        assertThat(CrmTestInfra.smtp().receivedBy("a@example.com")).isEmpty();
    }
}
