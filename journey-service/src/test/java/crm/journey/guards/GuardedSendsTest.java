package crm.journey.guards;

import crm.events.CustomerEvent;
import crm.events.Identities;
import crm.events.Json;
import crm.events.MessageEvent;
import crm.events.Topics;
import crm.journey.Transitions;
import crm.journey.providers.ProviderStubs;
import crm.journey.runtime.Database;
import crm.journey.sends.SendScenario;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each guard stops a real send: journeys through the API, profiles and events on the real broker, real SMTP. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
@QuarkusTestResource(ProviderStubs.class)
class GuardedSendsTest {
    static final String ONE_EMAIL = "[{\"type\":\"send\",\"id\":\"mail\",\"channel\":\"email\",\"template\":\"welcome\"}]";

    @Inject
    Database database;

    private final SendScenario scenario = SendScenario.ofNewWorkspace();

    private SendScenario.Row awaitFinished(String profileId, String step) {
        await().atMost(SendScenario.PATIENCE).until(() -> scenario.sends(database, profileId).stream()
                .anyMatch(r -> r.step().equals(step) && r.published()));
        return scenario.sends(database, profileId).stream().filter(r -> r.step().equals(step)).findFirst().orElseThrow();
    }

    private static MessageEvent awaitEvent(String eventId) {
        String value = CrmTestInfra.kafka().await(Topics.EVENTS, r -> r.value() != null && r.value().contains("\"" + eventId + "\""),
                SendScenario.PATIENCE).value();
        return MessageEvent.of(Json.read(value, CustomerEvent.class)).orElseThrow();
    }

    @Test
    void an_unsubscribed_profile_gets_no_marketing_email() {
        String[] journey = scenario.journey(ONE_EMAIL);
        String email = Transitions.email("optout");
        scenario.profile(database, "p-out", Map.of("email", email, "consent_email", "unsubscribed"));
        scenario.enter(journey[1], "p-out", Map.of("email", email));

        SendScenario.Row row = awaitFinished("p-out", "mail");
        assertThat(row.status()).isEqualTo("skipped");
        assertThat(row.skipReason()).isEqualTo("consent");
        MessageEvent skipped = awaitEvent(row.key() + ":skipped");
        assertThat(skipped.status()).isEqualTo(MessageEvent.Status.skipped);
        assertThat(skipped.reason()).isEqualTo("email marketing: unsubscribed");
        assertThat(CrmTestInfra.smtp().receivedBy(email)).isEmpty();
        assertThat(scenario.stats(journey[0]).getInt("steps[0].skipped.consent")).isEqualTo(1);
    }

    @Test
    void the_second_marketing_email_within_a_day_is_capped() {
        String[] journey = scenario.journey("[{\"type\":\"send\",\"id\":\"first\",\"channel\":\"email\",\"template\":\"welcome\"},"
                + "{\"type\":\"send\",\"id\":\"second\",\"channel\":\"email\",\"template\":\"welcome\"}]");
        String email = Transitions.email("capped");
        scenario.enter(journey[1], "p-cap", Map.of("email", email));

        SendScenario.Row second = awaitFinished("p-cap", "second");
        assertThat(second.status()).isEqualTo("skipped");
        assertThat(second.skipReason()).isEqualTo("frequency_cap");
        assertThat(second.lastError()).isEqualTo("email cap 1 per 24h reached");
        assertThat(awaitFinished("p-cap", "first").status()).isEqualTo("sent");
        assertThat(CrmTestInfra.smtp().receivedBy(email)).hasSize(1);
    }

    @Test
    void an_sms_due_at_night_in_the_profiles_zone_is_held_until_nine_local() {
        String[] journey = scenario.journey("[{\"type\":\"send\",\"id\":\"text\",\"channel\":\"sms\",\"template\":\"lost-checkout-sms\"}]");
        // A zone where it is 23:xx now: quiet hours (21:00-09:00) for about ten more hours.
        int hourUtc = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(23 - hourUtc, 24);
        if (offset > 14) offset -= 24;
        ZoneOffset zone = ZoneOffset.ofHours(offset);
        String phone = "+3361" + (10000000 + (int) (Math.random() * 89999999));
        scenario.enter(journey[1], "p-night", Map.of("phone", phone, "consent_sms", "subscribed", "timezone", zone.getId()));

        await().atMost(SendScenario.PATIENCE).until(() -> scenario.sends(database, "p-night").stream()
                .anyMatch(r -> r.lastError() != null && r.lastError().startsWith("held: quiet_hours")));
        SendScenario.Row held = scenario.sends(database, "p-night").get(0);
        assertThat(held.status()).isEqualTo("pending");
        ZonedDateTime opens = held.dueAt().atZone(zone);
        assertThat(opens.getHour()).isEqualTo(9);
        assertThat(opens.getMinute()).isZero();
        assertThat(held.dueAt()).isAfter(Instant.now().plusSeconds(9 * 3600));
        assertThat(ProviderStubs.REQUESTS).noneMatch(r -> r.body().contains(phone.substring(1)));
    }

    @Test
    void a_hard_bounced_address_gets_nothing_more() {
        String[] journey = scenario.journey(ONE_EMAIL);
        String email = Transitions.email("bounced");
        CustomerEvent bounce = scenario.track("Message Bounced", Identities.of(null, null, email),
                Map.of("channel", "email", "reason", "550 5.1.1 unknown recipient", "status", "5.1.1"), Instant.now());
        await().atMost(SendScenario.PATIENCE).until(() -> suppressed(email).contains("hard_bounce"));

        scenario.enter(journey[1], "p-bounced", Map.of("email", email));
        SendScenario.Row row = awaitFinished("p-bounced", "mail");
        assertThat(row.status()).isEqualTo("skipped");
        assertThat(row.skipReason()).isEqualTo("suppressed");
        assertThat(row.lastError()).isEqualTo("address suppressed: hard_bounce");
        assertThat(CrmTestInfra.smtp().receivedBy(email)).isEmpty();
        assertThat(bounce.id()).isNotBlank();
    }

    @Test
    void marketing_waits_while_the_customer_is_upset() {
        String[] journey = scenario.journey(ONE_EMAIL);
        String email = Transitions.email("upset");
        scenario.profile(database, "p-upset", Map.of("email", email, "negative_sentiment", true));
        scenario.enter(journey[1], "p-upset", Map.of("email", email));

        SendScenario.Row row = awaitFinished("p-upset", "mail");
        assertThat(row.status()).isEqualTo("skipped");
        assertThat(row.skipReason()).isEqualTo("empathy");
        assertThat(CrmTestInfra.smtp().receivedBy(email)).isEmpty();
    }

    private List<String> suppressed(String email) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select reason from suppressions where workspace_id = ? and channel = 'email' and address = ?")) {
                ps.setString(1, scenario.workspaceId());
                ps.setString(2, email);
                List<String> out = new java.util.ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
                return out;
            }
        });
    }
}
