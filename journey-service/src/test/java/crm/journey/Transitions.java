package crm.journey;

import crm.events.Json;
import crm.events.PresetSegments;
import crm.events.SegmentMembershipChanged;
import crm.events.Topics;
import crm.testing.CrmTestInfra;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Segment transitions of one workspace, published on the real broker as segment-service would. */
public record Transitions(String workspaceId) {

    public static Transitions ofNewWorkspace() {
        return new Transitions("ws-" + UUID.randomUUID());
    }

    public String customers() {
        return PresetSegments.id(workspaceId, PresetSegments.CUSTOMERS);
    }

    public SegmentMembershipChanged entered(String segmentId, String profileId, Map<String, Object> profile) {
        return change(segmentId, profileId, SegmentMembershipChanged.Change.ENTERED, profile);
    }

    public SegmentMembershipChanged exited(String segmentId, String profileId, Map<String, Object> profile) {
        return change(segmentId, profileId, SegmentMembershipChanged.Change.EXITED, profile);
    }

    private SegmentMembershipChanged change(String segmentId, String profileId, SegmentMembershipChanged.Change kind,
                                            Map<String, Object> profile) {
        return new SegmentMembershipChanged(UUID.randomUUID().toString(), workspaceId, segmentId, "Customers", profileId,
                kind, "orders_count >= 1", Instant.now(), 1, profile);
    }

    /** Keyed by profile id, as the contract says. */
    public static void publish(SegmentMembershipChanged change) {
        publish(change.profileId(), change);
    }

    /** With an explicit key: messages of one key are consumed in order, which lets a test know an earlier one was. */
    public static void publish(String key, SegmentMembershipChanged change) {
        CrmTestInfra.kafka().send(Topics.SEGMENTS, key, Json.write(change));
    }

    public static String email(String name) {
        return name + "-" + UUID.randomUUID() + "@example.com";
    }
}
