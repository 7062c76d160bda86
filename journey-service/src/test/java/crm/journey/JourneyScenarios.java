package crm.journey;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;
import crm.events.Json;
import crm.events.MessageEvent;
import crm.events.PresetSegments;
import crm.events.ProfileChanged;
import crm.events.ProfileMessage;
import crm.events.SegmentMembershipChanged;
import crm.events.Topics;
import crm.testing.CrmTestInfra;
import io.restassured.path.json.JsonPath;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One workspace's view of the service in a scenario: what a store and its customers do, from outside. */
public record JourneyScenarios(String workspaceId) {
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    public static JourneyScenarios ofNewWorkspace() {
        return new JourneyScenarios("ws-" + UUID.randomUUID());
    }

    public String token() {
        return CrmTestInfra.apiToken(workspaceId);
    }

    /** Activates a template through the API; returns the journey id. */
    public String activateTemplate(String key) {
        return given().auth().oauth2(token()).post("/v1/journeys/templates/{key}/activate", key)
                .then().statusCode(200).extract().jsonPath().getString("id");
    }

    public void enter(String presetKey, String profileId, Map<String, Object> traits) {
        membership(presetKey, profileId, traits, SegmentMembershipChanged.Change.ENTERED);
    }

    public void exit(String presetKey, String profileId, Map<String, Object> traits) {
        membership(presetKey, profileId, traits, SegmentMembershipChanged.Change.EXITED);
    }

    private void membership(String presetKey, String profileId, Map<String, Object> traits, SegmentMembershipChanged.Change change) {
        SegmentMembershipChanged m = new SegmentMembershipChanged(UUID.randomUUID().toString(), workspaceId,
                PresetSegments.id(workspaceId, presetKey), presetKey, profileId, change, "test", Instant.now(), 1, traits);
        CrmTestInfra.kafka().send(Topics.SEGMENTS, profileId, Json.write(m));
    }

    /** A profile snapshot on crm.profiles.v1, as profile-service publishes it. */
    public void profile(String profileId, long version, Map<String, Object> traits) {
        publishProfile(new ProfileChanged(workspaceId, profileId, version, Instant.now(), null, traits));
    }

    /** The same, under a key of the test's choosing (messages of one key share a partition, so arrive in order). */
    public void profileKeyed(String key, String profileId, long version, Map<String, Object> traits) {
        CrmTestInfra.kafka().send(Topics.PROFILES, key, Json.write(new ProfileChanged(workspaceId, profileId, version, Instant.now(), null, traits)));
    }

    public void publishProfile(ProfileMessage message) {
        CrmTestInfra.kafka().send(Topics.PROFILES, message.profileId(), Json.write(message));
    }

    /** A track event of a customer known by email, as ingest publishes it. */
    public CustomerEvent track(String name, String email, Map<String, Object> properties) {
        CustomerEvent e = new CustomerEvent(UUID.randomUUID().toString(), workspaceId, EventType.TRACK, name,
                Identities.of(null, null, email), null, properties, null, TestClock.now(), TestClock.now(), "api", null);
        CrmTestInfra.kafka().send(Topics.EVENTS, e.key(), Json.write(e));
        return e;
    }

    /** "Message Opened" for a run's step, as ingest publishes a provider's open callback. */
    public void opened(String email, String runId, String stepId) {
        MessageEvent m = new MessageEvent(MessageEvent.Status.opened, MessageEvent.Channel.email, runId + ":" + stepId, null,
                runId, stepId, "smtp", null);
        CustomerEvent e = m.toCustomerEvent(UUID.randomUUID().toString(), workspaceId, Identities.of(null, null, email),
                TestClock.now(), "sendgrid");
        CrmTestInfra.kafka().send(Topics.EVENTS, e.key(), Json.write(e));
    }

    public JsonPath runs(String profileId) {
        return given().auth().oauth2(token()).get("/v1/profiles/{p}/runs", profileId)
                .then().statusCode(200).extract().jsonPath();
    }

    /** The profile's only run of the journey, once it exists. */
    public String awaitRun(String profileId, String journeyId) {
        await().atMost(PATIENCE).until(() -> runs(profileId).getList("findAll { it.journeyId == '" + journeyId + "' }").size() == 1);
        return runs(profileId).getString("find { it.journeyId == '" + journeyId + "' }.id");
    }

    public JsonPath timeline(String runId) {
        return given().auth().oauth2(token()).get("/v1/runs/{id}", runId).then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the run halts at the step (and, when due is set, its timer is set). */
    public void awaitAt(String runId, String stepId) {
        await().atMost(PATIENCE).until(() -> stepId.equals(timeline(runId).getString("currentStep")));
    }

    public void awaitStatus(String runId, String status) {
        await().atMost(PATIENCE).until(() -> status.equals(timeline(runId).getString("status")));
    }

    public static List<String> subjects(String email) {
        return CrmTestInfra.smtp().receivedBy(email).stream().map(JourneyScenarios::subject).toList();
    }

    /** Waits until the address received exactly these subjects, in order. */
    public static void awaitSubjects(String email, String... subjects) {
        await().atMost(PATIENCE).until(() -> subjects(email).size() >= subjects.length);
        assertThat(subjects(email)).containsExactly(subjects);
    }

    public static MimeMessage last(String email) {
        List<MimeMessage> all = CrmTestInfra.smtp().receivedBy(email);
        return all.get(all.size() - 1);
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String email(String name) {
        return name + "-" + UUID.randomUUID() + "@example.com";
    }
}
