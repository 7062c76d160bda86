package crm.journey.sends;

import crm.events.MessageEvent;
import crm.journey.TestClock;
import crm.journey.definition.JourneyDefinition;
import crm.journey.definition.Step;
import crm.journey.definition.Trigger;
import crm.journey.journeys.Journey;
import crm.journey.journeys.JourneyRepository;
import crm.journey.journeys.JourneyStatus;
import crm.journey.providers.ProviderStubs;
import crm.journey.runs.RunProgress;
import crm.journey.runtime.Database;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider's send rate (SendGrid: 0.5 per second here) defers what goes beyond it: nothing is dropped, failed or
 * counted as an attempt, and everything goes out as the injected clock moves on.
 */
@QuarkusTest
@TestProfile(ManualSendWorker.class)
@QuarkusTestResource(CrmTestInfra.class)
@QuarkusTestResource(ProviderStubs.class)
class SendRateTest {
    static final int MESSAGES = 4;
    static final double RATE = 0.5;

    @Inject
    Database database;
    @Inject
    JourneyRepository journeys;
    @Inject
    RunProgress progress;
    @Inject
    SendWorker worker;

    @AfterEach
    void putTheClockBack() {
        TestClock.reset();
    }

    /** "status attempts published last_error" of the workspace's sends. */
    private List<String[]> rows(String ws) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select status, attempts, published_at is not null, coalesce(last_error, '') from sends where workspace_id = ?""")) {
                ps.setString(1, ws);
                List<String[]> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new String[] {rs.getString(1), String.valueOf(rs.getInt(2)), String.valueOf(rs.getBoolean(3)), rs.getString(4)});
                }
                return out;
            }
        });
    }

    private long sent(String ws) {
        return rows(ws).stream().filter(r -> r[0].equals("sent")).count();
    }

    @Test
    void sends_beyond_the_providers_rate_are_deferred_and_all_go_out_as_the_clock_moves() {
        String ws = "ws-" + UUID.randomUUID();
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).contentType(ContentType.JSON).body("{\"provider\":\"sendgrid\"}")
                .put("/v1/providers/email").then().statusCode(200);
        List<String> emails = new ArrayList<>();
        Instant start = TestClock.now();
        database.inTransaction(c -> {
            Journey journey = new Journey(UUID.randomUUID().toString(), ws, null, "Rate", JourneyStatus.active,
                    new JourneyDefinition(new Trigger.SegmentEntered("seg-rate"),
                            List.of(new Step.Send("mail", MessageEvent.Channel.email, "welcome"))), 1, start);
            journeys.insert(c, journey);
            for (int i = 0; i < MESSAGES; i++) {
                String email = "rate-" + i + "-" + UUID.randomUUID() + "@example.com";
                emails.add(email);
                progress.start(c, journey, "p-" + i, "", Map.of("email", email), start);
            }
            return null;
        });

        // One round claims them all: one goes, the others are held for the provider's rate, untried.
        assertThat(worker.deliverDue()).isGreaterThanOrEqualTo(MESSAGES);
        assertThat(sent(ws)).isEqualTo(1);
        assertThat(rows(ws)).filteredOn(r -> !r[0].equals("sent")).hasSize(MESSAGES - 1)
                .allSatisfy(r -> assertThat(r).containsExactly("pending", "0", "false", "held: sendgrid send rate"));

        int rounds = 0;
        while (sent(ws) < MESSAGES && rounds++ < 20) {
            TestClock.advance(Duration.ofSeconds(2));
            worker.deliverDue();
            // Never more than the rate allows: one at once, then one per 2 s of the clock.
            double elapsed = Duration.between(start, TestClock.now()).toMillis() / 1000.0;
            assertThat(sent(ws)).isLessThanOrEqualTo(1 + (long) Math.floor(elapsed * RATE));
        }

        assertThat(rounds).isGreaterThanOrEqualTo(MESSAGES - 1);
        assertThat(rows(ws)).hasSize(MESSAGES).allSatisfy(r -> {
            assertThat(r[0]).isEqualTo("sent");
            assertThat(r[1]).as("held rounds are not attempts").isEqualTo("1");
            assertThat(r[2]).as("published").isEqualTo("true");
        });
        for (String email : emails) {
            assertThat(ProviderStubs.REQUESTS.stream().filter(r -> r.path().equals("/v3/mail/send") && r.body().contains(email)))
                    .as(email).hasSize(1);
        }
    }
}
