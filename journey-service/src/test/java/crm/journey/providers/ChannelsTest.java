package crm.journey.providers;

import crm.journey.runtime.Database;
import crm.journey.sends.SendScenario;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WhatsApp (Twilio's Messages API with whatsapp: addresses) and the webhook channel as journey steps, with their guards:
 * consent per channel, quiet hours for messaging channels held or skipped as the journey or its step chooses.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
@QuarkusTestResource(ProviderStubs.class)
class ChannelsTest {
    @Inject
    Database database;

    private final SendScenario scenario = SendScenario.ofNewWorkspace();

    /** A zone where the local hour is {@code hour} now. */
    static String zoneAt(int hour) {
        int offset = Math.floorMod(hour - ZonedDateTime.now(ZoneOffset.UTC).getHour(), 24);
        if (offset > 14) offset -= 24;
        return ZoneOffset.ofHours(offset).getId();
    }

    static String phone() {
        return "+1415" + (1000000 + (int) (Math.random() * 8999999));
    }

    private SendScenario.Row awaitRow(String profileId, String step, java.util.function.Predicate<SendScenario.Row> done) {
        await().atMost(SendScenario.PATIENCE).until(() -> scenario.sends(database, profileId).stream()
                .anyMatch(r -> r.step().equals(step) && done.test(r)));
        return scenario.sends(database, profileId).stream().filter(r -> r.step().equals(step)).findFirst().orElseThrow();
    }

    @Test
    void a_whatsapp_step_goes_through_twilio_from_and_to_whatsapp_addresses() {
        String[] journey = scenario.journey("[{\"type\":\"send\",\"id\":\"chat\",\"channel\":\"whatsapp\",\"template\":\"lost-checkout-sms\"}]");
        String phone = phone();
        scenario.enter(journey[1], "p-wa", Map.of("phone", phone, "first_name", "Wan", "consent_whatsapp", "subscribed",
                "timezone", zoneAt(12)));

        SendScenario.Row row = awaitRow("p-wa", "chat", SendScenario.Row::published);
        assertThat(row.status()).isEqualTo("sent");
        assertThat(row.provider()).isEqualTo("twilio");
        assertThat(row.providerMessageId()).startsWith("SM");
        String to = URLEncoder.encode("whatsapp:" + phone, StandardCharsets.UTF_8);
        ProviderStubs.Recorded request = ProviderStubs.REQUESTS.stream().filter(r -> r.body().contains(to)).findFirst().orElseThrow();
        assertThat(request.status()).isEqualTo(201);
        assertThat(request.form()).containsEntry("To", "whatsapp:" + phone).containsEntry("From", "whatsapp:" + ProviderStubs.TWILIO_FROM);
        assertThat(request.form().get("Body")).startsWith("Hi Wan, your cart is still waiting.");
    }

    @Test
    void whatsapp_marketing_needs_its_own_opt_in_not_the_sms_one() {
        String[] journey = scenario.journey("[{\"type\":\"send\",\"id\":\"chat\",\"channel\":\"whatsapp\",\"template\":\"lost-checkout-sms\"}]");
        String phone = phone();
        scenario.enter(journey[1], "p-wa-no", Map.of("phone", phone, "consent_sms", "subscribed", "timezone", zoneAt(12)));

        SendScenario.Row row = awaitRow("p-wa-no", "chat", SendScenario.Row::published);
        assertThat(row.status()).isEqualTo("skipped");
        assertThat(row.skipReason()).isEqualTo("consent");
        assertThat(row.lastError()).isEqualTo("whatsapp marketing: no opt-in (not known)");
        assertThat(ProviderStubs.REQUESTS).noneMatch(r -> r.body().contains(phone.substring(1)));
    }

    @Test
    void quiet_hours_skip_as_the_journey_chooses_and_hold_where_a_step_overrides_it() {
        String segment = "seg-" + java.util.UUID.randomUUID();
        String body = "{\"name\":\"Night\",\"definition\":{\"trigger\":{\"type\":\"segment_entered\",\"segmentId\":\"" + segment
                + "\"},\"quietHours\":\"skip\",\"steps\":["
                + "{\"type\":\"send\",\"id\":\"text\",\"channel\":\"sms\",\"template\":\"lost-checkout-sms\"},"
                + "{\"type\":\"send\",\"id\":\"chat\",\"channel\":\"whatsapp\",\"template\":\"lost-checkout-sms\",\"quietHours\":\"hold\"}]}}";
        String id = given().auth().oauth2(scenario.token()).contentType(ContentType.JSON).body(body)
                .post("/v1/journeys").then().statusCode(201).extract().jsonPath().getString("id");
        var shown = given().auth().oauth2(scenario.token()).get("/v1/journeys/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(shown.getString("definition.quietHours")).isEqualTo("skip");
        assertThat(shown.getString("definition.steps[1].quietHours")).isEqualTo("hold");
        given().auth().oauth2(scenario.token()).post("/v1/journeys/{id}/activate", id).then().statusCode(200);
        String phone = phone();
        scenario.enter(segment, "p-night", Map.of("phone", phone, "consent_sms", "subscribed", "consent_whatsapp", "subscribed",
                "timezone", zoneAt(23)));

        SendScenario.Row text = awaitRow("p-night", "text", SendScenario.Row::published);
        assertThat(text.status()).isEqualTo("skipped");
        assertThat(text.skipReason()).isEqualTo("quiet_hours");
        SendScenario.Row chat = awaitRow("p-night", "chat", r -> r.lastError() != null && r.lastError().startsWith("held: quiet_hours"));
        assertThat(chat.status()).isEqualTo("pending");
        assertThat(chat.dueAt()).isAfter(java.time.Instant.now().plusSeconds(9 * 3600));
        assertThat(ProviderStubs.REQUESTS).noneMatch(r -> r.body().contains(phone.substring(1)));
    }

    @Test
    void an_unknown_quiet_hours_choice_is_refused_naming_the_field() {
        String body = "{\"name\":\"Bad\",\"definition\":{\"trigger\":{\"type\":\"segment_entered\",\"segmentId\":\"s\"},"
                + "\"steps\":[{\"type\":\"send\",\"id\":\"text\",\"channel\":\"sms\",\"template\":\"lost-checkout-sms\",\"quietHours\":\"later\"}]}}";
        assertThat(given().auth().oauth2(scenario.token()).contentType(ContentType.JSON).body(body).post("/v1/journeys")
                .then().statusCode(400).contentType("application/problem+json").extract().jsonPath().getString("field"))
                .isEqualTo("definition.steps[0].quietHours");
        String smsWithEmailTemplate = "{\"name\":\"Bad\",\"definition\":{\"trigger\":{\"type\":\"segment_entered\",\"segmentId\":\"s\"},"
                + "\"steps\":[{\"type\":\"send\",\"id\":\"text\",\"channel\":\"sms\",\"template\":\"welcome\"}]}}";
        assertThat(given().auth().oauth2(scenario.token()).contentType(ContentType.JSON).body(smsWithEmailTemplate).post("/v1/journeys")
                .then().statusCode(400).contentType("application/problem+json").extract().jsonPath().getString("field"))
                .isEqualTo("definition.steps[0].template");
    }
}
