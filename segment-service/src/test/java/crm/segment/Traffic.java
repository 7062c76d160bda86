package crm.segment;

import crm.events.Json;
import crm.events.ProfileChanged;
import crm.events.SegmentMembershipChanged;
import crm.events.SegmentMembershipChanged.Change;
import crm.events.Topics;
import crm.testing.CrmTestInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the integration tests send to and read from the real broker. Every test uses fresh ids to stay isolated. */
public final class Traffic {
    public static final Duration WAIT = Duration.ofSeconds(60);

    private Traffic() {
    }

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static void snapshot(String workspaceId, String profileId, long version, Map<String, Object> traits) {
        ProfileChanged changed = new ProfileChanged(workspaceId, profileId, version, Instant.now(), "event-" + version, traits);
        CrmTestInfra.kafka().send(Topics.PROFILES, profileId, Json.write(changed));
    }

    /** A snapshot sent under another key: it lands on that key's partition, behind what was sent there before. */
    public static void snapshotBehind(String key, String workspaceId, String profileId, long version, Map<String, Object> traits) {
        ProfileChanged changed = new ProfileChanged(workspaceId, profileId, version, Instant.now(), "event-" + version, traits);
        CrmTestInfra.kafka().send(Topics.PROFILES, key, Json.write(changed));
    }

    /** Waits for the profile's membership change of that kind decided on that version. */
    public static SegmentMembershipChanged awaitChange(String profileId, Change change, long version) {
        ConsumerRecord<String, String> record = CrmTestInfra.kafka().await(Topics.SEGMENTS, r -> {
            if (!profileId.equals(r.key())) return false;
            SegmentMembershipChanged m = Json.read(r.value(), SegmentMembershipChanged.class);
            return m.change() == change && m.profileVersion() == version;
        }, WAIT);
        return Json.read(record.value(), SegmentMembershipChanged.class);
    }

    /** Every membership change published for the profile so far, in publication order (one partition per key). */
    public static List<SegmentMembershipChanged> changesOf(String profileId) {
        return CrmTestInfra.kafka().all(Topics.SEGMENTS).stream()
                .filter(r -> profileId.equals(r.key()))
                .sorted(Comparator.comparingLong(ConsumerRecord::offset))
                .map(r -> Json.read(r.value(), SegmentMembershipChanged.class))
                .toList();
    }

    /** Sends any crm.profiles.v1 message (changed, merged, erased) with its type, keyed by its profile id. */
    public static void profileMessage(crm.events.ProfileMessage message) {
        try {
            CrmTestInfra.kafka().send(Topics.PROFILES, message.profileId(),
                    Json.MAPPER.writerFor(crm.events.ProfileMessage.class).writeValueAsString(message));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the profile's change of that kind in that segment, whatever version it was decided on. */
    public static SegmentMembershipChanged awaitChange(String profileId, String segmentId, Change change) {
        ConsumerRecord<String, String> record = CrmTestInfra.kafka().await(Topics.SEGMENTS, r -> {
            if (!profileId.equals(r.key())) return false;
            SegmentMembershipChanged m = Json.read(r.value(), SegmentMembershipChanged.class);
            return m.change() == change && m.segmentId().equals(segmentId);
        }, WAIT);
        return Json.read(record.value(), SegmentMembershipChanged.class);
    }

    /** Waits until the segment's background backfill is done (GET shows backfill.status done). */
    public static void awaitBackfill(String workspaceId, String segmentId) {
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> io.restassured.RestAssured.given()
                .auth().oauth2(CrmTestInfra.apiToken(workspaceId)).when().get("/v1/segments/{id}", segmentId)
                .then().statusCode(200).body("backfill.status", org.hamcrest.Matchers.equalTo("done")));
    }

    /** Every change published for the profile in that segment so far, in publication order. */
    public static List<SegmentMembershipChanged> changesOf(String profileId, String segmentId) {
        return changesOf(profileId).stream().filter(m -> m.segmentId().equals(segmentId)).toList();
    }
}
