package crm.journey;

import crm.events.CustomerEvent;
import crm.events.Json;
import crm.events.MessageEvent;
import crm.events.SegmentMembershipChanged;
import crm.events.Topics;
import crm.events.WorkspaceChanged;
import crm.journey.journeys.JourneyTemplates;
import crm.testing.CrmTestInfra;
import crm.testing.Smtp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class WelcomeJourneyTest {
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Smtp smtp = CrmTestInfra.smtp();
    private final Transitions ws = Transitions.ofNewWorkspace();

    private static JsonPath runs(String workspaceId, String profileId) {
        return given().auth().oauth2(CrmTestInfra.apiToken(workspaceId))
                .get("/v1/profiles/{profileId}/runs", profileId)
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    private static JsonPath journeys(String workspaceId) {
        return given().auth().oauth2(CrmTestInfra.apiToken(workspaceId))
                .get("/v1/journeys")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    private MimeMessage awaitOneEmail(String address) {
        await().atMost(PATIENCE).until(() -> smtp.receivedBy(address).size() >= 1);
        assertThat(smtp.receivedBy(address)).hasSize(1);
        return smtp.receivedBy(address).get(0);
    }

    private static ConsumerRecord<String, String> awaitEvent(String eventId) {
        return CrmTestInfra.kafka().await(Topics.EVENTS, r -> r.value() != null && r.value().contains("\"" + eventId + "\""), PATIENCE);
    }

    @Test
    void customer_entering_customers_gets_one_welcome_email_a_completed_run_and_a_message_sent_event() throws Exception {
        String email = Transitions.email("ada");
        Transitions.publish(ws.entered(ws.customers(), "p-ada", Map.of("email", email, "first_name", "Ada", "orders_count", 1)));

        MimeMessage mail = awaitOneEmail(email);
        assertThat(mail.getSubject()).isEqualTo("Welcome!");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("shop@localhost");
        String key = mail.getHeader("X-CRM-Idempotency-Key")[0];
        assertThat(key).endsWith(":welcome-email");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail)).contains("Hello Ada");

        // Welcome has two more touchpoints: the run waits 3 days for the next one.
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonPath runs = runs(ws.workspaceId(), "p-ada");
            assertThat(runs.getList("$")).hasSize(1);
            assertThat(runs.getString("[0].steps[0].status")).isEqualTo("sent");
        });
        JsonPath runs = runs(ws.workspaceId(), "p-ada");
        String runId = runs.getString("[0].id");
        assertThat(key).isEqualTo(runId + ":welcome-email");
        assertThat(runs.getString("[0].journeyId")).isEqualTo(JourneyTemplates.journeyId(ws.workspaceId(), "welcome"));
        assertThat(runs.getString("[0].journeyName")).isEqualTo("Welcome");
        assertThat(runs.getString("[0].status")).isEqualTo("running");
        assertThat(runs.getString("[0].completedAt")).isNull();
        assertThat(runs.getList("[0].steps")).hasSize(1);
        assertThat(runs.getString("[0].steps[0].stepId")).isEqualTo("welcome-email");
        assertThat(runs.getString("[0].steps[0].channel")).isEqualTo("email");
        assertThat(runs.getString("[0].steps[0].status")).isEqualTo("sent");
        assertThat(runs.getString("[0].steps[0].sentAt")).isNotNull();

        ConsumerRecord<String, String> record = awaitEvent(runId + ":welcome-email:sent");
        assertThat(record.key()).isEqualTo(ws.workspaceId() + ":p:p-ada");
        CustomerEvent event = Json.read(record.value(), CustomerEvent.class);
        assertThat(event.name()).isEqualTo("Message Sent");
        assertThat(event.source()).isEqualTo("journey");
        assertThat(event.identities().profileId()).isEqualTo("p-ada");
        assertThat(event.identities().email()).isEqualTo(email);
        MessageEvent message = MessageEvent.of(event).orElseThrow();
        assertThat(message.status()).isEqualTo(MessageEvent.Status.sent);
        assertThat(message.messageId()).isEqualTo(key);
        assertThat(message.runId()).isEqualTo(runId);
        assertThat(message.stepId()).isEqualTo("welcome-email");
        assertThat(message.provider()).isEqualTo("smtp");
    }

    @Test
    void the_same_membership_message_redelivered_sends_nothing_more() {
        String email = Transitions.email("bob");
        SegmentMembershipChanged entered = ws.entered(ws.customers(), "p-bob", Map.of("email", email));
        Transitions.publish(entered);
        awaitOneEmail(email);

        Transitions.publish(entered);
        // Re-entry is "never": entering again later (a new transition) starts nothing either.
        Transitions.publish(ws.entered(ws.customers(), "p-bob", Map.of("email", email)));
        // Same key, so consumed after the two above: once its email is out, theirs would have been too.
        String marker = Transitions.email("marker");
        Transitions.publish("p-bob", ws.entered(ws.customers(), "p-marker", Map.of("email", marker)));
        awaitOneEmail(marker);

        assertThat(smtp.receivedBy(email)).hasSize(1);
        assertThat(runs(ws.workspaceId(), "p-bob").getList("$")).hasSize(1);
    }

    @Test
    void an_exit_or_another_segment_starts_nothing() {
        String email = Transitions.email("carol");
        Transitions.publish(ws.exited(ws.customers(), "p-carol", Map.of("email", email)));
        Transitions.publish(ws.entered(UUID.randomUUID().toString(), "p-carol", Map.of("email", email)));
        String marker = Transitions.email("marker");
        Transitions.publish("p-carol", ws.entered(ws.customers(), "p-marker", Map.of("email", marker)));
        awaitOneEmail(marker);

        assertThat(smtp.receivedBy(email)).isEmpty();
        assertThat(runs(ws.workspaceId(), "p-carol").getList("$")).isEmpty();
    }

    @Test
    void a_profile_without_email_is_skipped_with_a_reason_and_nothing_is_sent() {
        Transitions.publish(ws.entered(ws.customers(), "p-nomail", Map.of("first_name", "Dan")));

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonPath runs = runs(ws.workspaceId(), "p-nomail");
            assertThat(runs.getString("[0].status")).isEqualTo("running");
            assertThat(runs.getString("[0].steps[0].status")).isEqualTo("skipped");
        });
        JsonPath runs = runs(ws.workspaceId(), "p-nomail");
        assertThat(runs.getString("[0].steps[0].reason")).isEqualTo("no email address in the profile");
        assertThat(runs.getString("[0].steps[0].sentAt")).isNull();
        String key = runs.getString("[0].id") + ":welcome-email";

        CustomerEvent event = Json.read(awaitEvent(key + ":skipped").value(), CustomerEvent.class);
        MessageEvent message = MessageEvent.of(event).orElseThrow();
        assertThat(message.status()).isEqualTo(MessageEvent.Status.skipped);
        assertThat(message.reason()).isEqualTo("no email address in the profile");
        assertThat(smtp.received()).noneMatch(m -> hasIdempotencyKey(m, key));
    }

    @Test
    void a_refused_email_is_retried_then_fails_the_send_and_the_run() {
        Transitions.publish(ws.entered(ws.customers(), "p-bad", Map.of("email", "not an address")));

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonPath runs = runs(ws.workspaceId(), "p-bad");
            assertThat(runs.getString("[0].status")).isEqualTo("failed");
            assertThat(runs.getString("[0].steps[0].status")).isEqualTo("failed");
        });
        JsonPath runs = runs(ws.workspaceId(), "p-bad");
        assertThat(runs.getString("[0].steps[0].reason")).isNotBlank();
        assertThat(runs.getString("[0].completedAt")).isNotNull();

        CustomerEvent event = Json.read(awaitEvent(runs.getString("[0].id") + ":welcome-email:failed").value(), CustomerEvent.class);
        assertThat(MessageEvent.of(event).orElseThrow().reason()).isEqualTo(runs.getString("[0].steps[0].reason"));
    }

    @Test
    void another_workspace_token_sees_nothing_of_this_workspace() {
        String email = Transitions.email("erin");
        Transitions.publish(ws.entered(ws.customers(), "p-erin", Map.of("email", email)));
        awaitOneEmail(email);
        await().atMost(PATIENCE).until(() -> runs(ws.workspaceId(), "p-erin").getList("$").size() == 1);

        String other = "ws-" + UUID.randomUUID();
        assertThat(runs(other, "p-erin").getList("$")).isEmpty();
        assertThat(journeys(other).getList("$")).isEmpty();
        assertThat(journeys(ws.workspaceId()).getList("id")).containsExactly(JourneyTemplates.journeyId(ws.workspaceId(), "welcome"));
    }

    @Test
    void a_created_workspace_gets_one_active_welcome_journey() {
        String created = Json.write(new WorkspaceChanged(ws.workspaceId(), "Shop", WorkspaceChanged.Kind.CREATED, Instant.now()));
        CrmTestInfra.kafka().send(Topics.WORKSPACES, ws.workspaceId(), created);
        CrmTestInfra.kafka().send(Topics.WORKSPACES, ws.workspaceId(), created);

        await().atMost(PATIENCE).until(() -> journeys(ws.workspaceId()).getList("$").size() == 1);
        JsonPath journeys = journeys(ws.workspaceId());
        assertThat(journeys.getList("$")).hasSize(1);
        assertThat(journeys.getString("[0].id")).isEqualTo(JourneyTemplates.journeyId(ws.workspaceId(), "welcome"));
        assertThat(journeys.getString("[0].name")).isEqualTo("Welcome");
        assertThat(journeys.getString("[0].status")).isEqualTo("active");
        assertThat(journeys.getString("[0].templateKey")).isEqualTo("welcome");
        assertThat(journeys.getInt("[0].version")).isEqualTo(1);
        assertThat(journeys.getString("[0].definition.trigger.type")).isEqualTo("segment_entered");
        assertThat(journeys.getString("[0].definition.trigger.segmentId")).isEqualTo(ws.customers());
        assertThat(journeys.getList("[0].definition.steps")).hasSize(5).first().isEqualTo(
                Map.of("type", "send", "id", "welcome-email", "channel", "email", "template", "welcome"));
    }

    @Test
    void an_unparseable_membership_message_is_dead_lettered_and_the_next_one_still_runs() {
        String key = "p-" + UUID.randomUUID();
        String garbage = "{not json " + UUID.randomUUID();
        CrmTestInfra.kafka().send(Topics.SEGMENTS, key, garbage);
        String email = Transitions.email("after-garbage");
        Transitions.publish(key, ws.entered(ws.customers(), key, Map.of("email", email)));

        ConsumerRecord<String, String> dead = CrmTestInfra.kafka().await("crm.dlq.v1", r -> garbage.equals(r.value()), PATIENCE);
        assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
        awaitOneEmail(email);
    }

    @Test
    void requests_without_a_valid_token_are_refused_as_problem_json() {
        given().get("/v1/journeys").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not-a-token").get("/v1/profiles/p/runs").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void an_overlong_profile_id_is_a_precise_client_error() {
        given().auth().oauth2(CrmTestInfra.apiToken(ws.workspaceId()))
                .get("/v1/profiles/{p}/runs", "p".repeat(201))
                .then().statusCode(400).contentType("application/problem+json");
        JsonPath problem = given().auth().oauth2(CrmTestInfra.apiToken(ws.workspaceId()))
                .get("/v1/profiles/{p}/runs", "p".repeat(201)).then().extract().jsonPath();
        assertThat(problem.getString("field")).isEqualTo("profileId");
    }

    @Test
    void health_openapi_and_metrics_answer() {
        JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        List<String> checks = ready.getList("checks.name");
        assertThat(checks).anySatisfy(n -> assertThat(n).containsIgnoringCase("database"));
        // The Kafka channels' readiness (segments, workspaces, message-events) is the messaging check.
        assertThat(checks).anySatisfy(n -> assertThat(n).containsIgnoringCase("reactive messaging"));
        assertThat(ready.getString("status")).isEqualTo("UP");
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    private static boolean hasIdempotencyKey(MimeMessage m, String key) {
        try {
            String[] h = m.getHeader("X-CRM-Idempotency-Key");
            return h != null && key.equals(h[0]);
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }
}
