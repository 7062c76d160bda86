package crm.journey.contacts;

import crm.events.CustomerEvent;
import crm.events.Json;
import crm.events.MessageEvent;
import crm.events.ProfileErased;
import crm.events.Topics;
import crm.journey.Transitions;
import crm.journey.providers.ProviderStubs;
import crm.journey.runtime.Database;
import crm.journey.sends.SendScenario;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
@QuarkusTestResource(ProviderStubs.class)
class UnsubscribeTest {
    static final String ONE_EMAIL = "[{\"type\":\"send\",\"id\":\"mail\",\"channel\":\"email\",\"template\":\"welcome\"}]";

    @Inject
    Database database;
    @Inject
    ContactRepository contacts;

    private final SendScenario scenario = SendScenario.ofNewWorkspace();

    private MimeMessage awaitEmail(String email) {
        await().atMost(SendScenario.PATIENCE).until(() -> !CrmTestInfra.smtp().receivedBy(email).isEmpty());
        return CrmTestInfra.smtp().receivedBy(email).get(0);
    }

    @Test
    void one_click_unsubscribes_at_once_tells_profile_service_and_stops_the_next_marketing_email() throws Exception {
        String email = Transitions.email("leaver");
        scenario.profile(database, "p-leaver", Map.of("email", email, "consent_email", "subscribed"));
        String[] first = scenario.journey(ONE_EMAIL);
        scenario.enter(first[1], "p-leaver", Map.of("email", email));

        MimeMessage mail = awaitEmail(email);
        String header = mail.getHeader("List-Unsubscribe")[0];
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(header).matches("<http://localhost:8084/v1/unsubscribe/[A-Za-z0-9_.-]+>");
        String path = header.substring(header.indexOf("/v1/unsubscribe/"), header.length() - 1);
        String key = mail.getHeader("X-CRM-Idempotency-Key")[0];

        given().get(path).then().statusCode(200).contentType("text/html");
        // What a mail client sends (RFC 8058): no credentials but the signed link.
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post(path).then().statusCode(200);
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post(path.substring(0, path.length() - 2) + "xx").then().statusCode(404).contentType("application/problem+json");

        CustomerEvent event = Json.read(CrmTestInfra.kafka().await(Topics.EVENTS,
                r -> r.value() != null && r.value().contains("\"" + key + ":unsubscribed\""), SendScenario.PATIENCE).value(), CustomerEvent.class);
        assertThat(event.name()).isEqualTo("Message Unsubscribed");
        assertThat(event.identities().profileId()).isEqualTo("p-leaver");
        assertThat(MessageEvent.of(event).orElseThrow().messageId()).isEqualTo(key);
        assertThat(contact("p-leaver").consent(MessageEvent.Channel.email)).contains(Consent.unsubscribed);

        // A snapshot older than the click (profile-service has not seen it yet) does not subscribe them again.
        scenario.profile(database, "p-leaver", Map.of("email", email, "consent_email", "subscribed"));
        assertThat(contact("p-leaver").consent(MessageEvent.Channel.email)).contains(Consent.unsubscribed);

        String[] second = scenario.journey(ONE_EMAIL);
        scenario.enter(second[1], "p-leaver", Map.of("email", email));
        await().atMost(SendScenario.PATIENCE).until(() -> scenario.sends(database, "p-leaver").stream()
                .anyMatch(r -> r.status().equals("skipped")));
        assertThat(scenario.sends(database, "p-leaver").stream().filter(r -> r.status().equals("skipped")).findFirst().orElseThrow()
                .skipReason()).isEqualTo("consent");
        assertThat(CrmTestInfra.smtp().receivedBy(email)).hasSize(1);

        // Once profile-service confirms, the snapshot governs again.
        scenario.profile(database, "p-leaver", Map.of("email", email, "consent_email", "unsubscribed"));
        assertThat(contact("p-leaver").localUnsubscribes()).isEmpty();
    }

    @Test
    void an_erased_profile_leaves_no_contact_and_no_message_content() {
        String email = Transitions.email("erased");
        scenario.profile(database, "p-erased", Map.of("email", email, "first_name", "Eve"));
        String[] journey = scenario.journey(ONE_EMAIL);
        scenario.enter(journey[1], "p-erased", Map.of("email", email, "first_name", "Eve"));
        awaitEmail(email);
        await().atMost(SendScenario.PATIENCE).until(() -> scenario.sends(database, "p-erased").stream().anyMatch(SendScenario.Row::published));

        CrmTestInfra.kafka().send(Topics.PROFILES, "p-erased", Json.write(new ProfileErased(scenario.workspaceId(), "p-erased", Instant.now(), "api")));
        await().atMost(SendScenario.PATIENCE).until(() -> database.read(c -> contacts.find(c, scenario.workspaceId(), "p-erased")).isEmpty());
        String content = database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select coalesce(s.recipient, '') || s.variables::text from sends s join runs r on r.id = s.run_id
                    where r.workspace_id = ? and r.profile_id = ?""")) {
                ps.setString(1, scenario.workspaceId());
                ps.setString(2, "p-erased");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        assertThat(content).isEqualTo("{}");
    }

    private Contact contact(String profileId) {
        return database.read(c -> contacts.find(c, scenario.workspaceId(), profileId)).orElseThrow();
    }
}
