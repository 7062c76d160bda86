package crm.journey.providers;

import com.fasterxml.jackson.databind.JsonNode;
import crm.journey.Transitions;
import crm.journey.runtime.Database;
import crm.journey.sends.SendScenario;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SendGrid, Twilio and the signed webhook through local stubs that speak their HTTP APIs. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
@QuarkusTestResource(ProviderStubs.class)
class ProvidersTest {
    @Inject
    Database database;

    private final SendScenario scenario = SendScenario.ofNewWorkspace();

    private ProviderStubs.Recorded awaitRequest(String path, String containing) {
        await().atMost(SendScenario.PATIENCE).until(() -> ProviderStubs.REQUESTS.stream()
                .anyMatch(r -> r.path().startsWith(path) && r.body().contains(containing)));
        return ProviderStubs.REQUESTS.stream().filter(r -> r.path().startsWith(path) && r.body().contains(containing))
                .findFirst().orElseThrow();
    }

    private SendScenario.Row awaitSent(String profileId) {
        await().atMost(SendScenario.PATIENCE).until(() -> scenario.sends(database, profileId).stream().anyMatch(SendScenario.Row::published));
        return scenario.sends(database, profileId).get(0);
    }

    @Test
    void a_workspace_on_sendgrid_sends_its_email_through_the_mail_send_api() {
        scenario.chooseProvider("email", "sendgrid", null);
        String[] journey = scenario.journey("[{\"type\":\"send\",\"id\":\"mail\",\"channel\":\"email\",\"template\":\"welcome\"}]");
        String email = Transitions.email("sg");
        scenario.enter(journey[1], "p-sg", Map.of("email", email, "first_name", "Ada"));

        ProviderStubs.Recorded request = awaitRequest("/v3/mail/send", email);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.status()).isEqualTo(202);
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + ProviderStubs.SENDGRID_KEY);
        JsonNode body = request.json();
        assertThat(body.at("/personalizations/0/to/0/email").asText()).isEqualTo(email);
        assertThat(body.at("/from/email").asText()).isEqualTo("shop@localhost");
        assertThat(body.at("/subject").asText()).isEqualTo("Welcome!");
        assertThat(body.at("/content/0/type").asText()).isEqualTo("text/plain");
        assertThat(body.at("/content/1/type").asText()).isEqualTo("text/html");
        assertThat(body.at("/content/1/value").asText()).contains("Hello Ada").contains("/v1/unsubscribe/");
        assertThat(body.at("/headers/List-Unsubscribe-Post").asText()).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(body.at("/headers/List-Unsubscribe").asText()).startsWith("<http://localhost:8084/v1/unsubscribe/");

        SendScenario.Row row = awaitSent("p-sg");
        assertThat(body.at("/custom_args/crm_message_id").asText()).isEqualTo(row.key());
        // The run is named too, so ingest's events about this message name it (wait-for-event branches).
        assertThat(body.at("/custom_args/crm_run_id").asText()).isEqualTo(row.key().split(":")[0]);
        assertThat(body.at("/custom_args/crm_step_id").asText()).isEqualTo("mail");
        assertThat(body.at("/custom_args/crm_journey_id").asText()).isEqualTo(journey[0]);
        assertThat(row.status()).isEqualTo("sent");
        assertThat(row.provider()).isEqualTo("sendgrid");
        assertThat(row.providerMessageId()).startsWith("sg-");
        assertThat(CrmTestInfra.smtp().receivedBy(email)).isEmpty();
    }

    @Test
    void an_sms_goes_through_twilios_messages_api() {
        String[] journey = scenario.journey("[{\"type\":\"send\",\"id\":\"text\",\"channel\":\"sms\",\"template\":\"lost-checkout-sms\"}]");
        String phone = "+1415" + (1000000 + (int) (Math.random() * 8999999));
        // Quiet hours are for marketing in the profile's zone: pick the zone where it is midday now.
        int offset = Math.floorMod(12 - java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).getHour(), 24);
        if (offset > 14) offset -= 24;
        scenario.enter(journey[1], "p-sms", Map.of("phone", phone, "first_name", "Bo", "consent_sms", "subscribed",
                "timezone", java.time.ZoneOffset.ofHours(offset).getId()));

        ProviderStubs.Recorded request = awaitRequest("/2010-04-01/Accounts/", java.net.URLEncoder.encode(phone, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + ProviderStubs.TWILIO_SID + "/Messages.json");
        assertThat(request.status()).isEqualTo(201);
        assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> form = request.form();
        assertThat(form).containsEntry("To", phone).containsEntry("From", ProviderStubs.TWILIO_FROM);
        assertThat(form.get("Body")).startsWith("Hi Bo, your cart is still waiting.").endsWith("Reply STOP to opt out.");

        SendScenario.Row row = awaitSent("p-sms");
        assertThat(row.status()).isEqualTo("sent");
        assertThat(row.provider()).isEqualTo("twilio");
        assertThat(row.providerMessageId()).startsWith("SM");
    }

    @Test
    void the_webhook_channel_posts_a_signed_json_message() {
        scenario.chooseProvider("webhook", "webhook", ProviderStubs.baseUrl() + "/hook/" + scenario.workspaceId());
        String[] journey = scenario.journey("[{\"type\":\"send\",\"id\":\"hook\",\"channel\":\"webhook\",\"template\":\"vip.welcome\"}]");
        scenario.enter(journey[1], "p-hook", Map.of("email", Transitions.email("hook"), "tier", "gold"));

        ProviderStubs.Recorded request = awaitRequest("/hook/" + scenario.workspaceId(), "p-hook");
        String expected = SignedWebhook.sign(ProviderStubs.WEBHOOK_SECRET, request.header("X-CRM-Timestamp"), request.body());
        assertThat(request.header("X-CRM-Signature")).isEqualTo("sha256=" + expected);
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode body = request.json();
        assertThat(body.at("/workspaceId").asText()).isEqualTo(scenario.workspaceId());
        assertThat(body.at("/data/traits/tier").asText()).isEqualTo("gold");
        assertThat(body.at("/data/template").asText()).isEqualTo("vip.welcome");
        assertThat(body.at("/journeyId").asText()).isEqualTo(journey[0]);
        await().atMost(SendScenario.PATIENCE).until(() -> scenario.sends(database, "p-hook").stream()
                .anyMatch(r -> r.step().equals("hook") && r.published()));
        SendScenario.Row row = scenario.sends(database, "p-hook").stream().filter(r -> r.step().equals("hook")).findFirst().orElseThrow();
        assertThat(body.at("/messageId").asText()).isEqualTo(row.key());
        assertThat(row.provider()).isEqualTo("webhook");
        assertThat(row.status()).isEqualTo("sent");
    }

    @Test
    void the_provider_api_names_the_field_it_refuses_and_shows_the_choices() {
        given().auth().oauth2(scenario.token()).contentType(ContentType.JSON).body("{\"provider\":\"twilio\"}")
                .put("/v1/providers/email").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(scenario.token()).contentType(ContentType.JSON).body("{\"provider\":\"sendgrid\"}")
                .put("/v1/providers/pigeon").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(scenario.token()).contentType(ContentType.JSON).body("{\"provider\":\"webhook\",\"url\":\"ftp://x\"}")
                .put("/v1/providers/webhook").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"provider\":\"sendgrid\"}")
                .put("/v1/providers/email").then().statusCode(401);

        scenario.chooseProvider("email", "sendgrid", null);
        var list = given().auth().oauth2(scenario.token()).get("/v1/providers").then().statusCode(200).extract().jsonPath();
        assertThat(list.getString("find { it.channel == 'email' }.provider")).isEqualTo("sendgrid");
        assertThat(list.getString("find { it.channel == 'sms' }.provider")).isEqualTo("twilio");
        var other = given().auth().oauth2(CrmTestInfra.apiToken("ws-" + java.util.UUID.randomUUID())).get("/v1/providers")
                .then().statusCode(200).extract().jsonPath();
        assertThat(other.getString("find { it.channel == 'email' }.provider")).isEqualTo("smtp");
    }
}
