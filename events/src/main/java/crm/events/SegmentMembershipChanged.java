package crm.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A profile entered or left a segment, on {@link Topics#SEGMENTS}, keyed by profile id.
 *
 * @param id             unique per transition; consumers dedupe on it
 * @param reason         why: the condition that now holds or no longer holds, or "time passed", "backfill"
 * @param profileVersion the profile version the decision was taken on
 * @param profile        the profile's traits at that version, so journeys can address the customer without a call back
 */
public record SegmentMembershipChanged(
        String id,
        String workspaceId,
        String segmentId,
        String segmentName,
        String profileId,
        Change change,
        String reason,
        Instant at,
        long profileVersion,
        Map<String, Object> profile) {

    public SegmentMembershipChanged {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(segmentId, "segmentId");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(change, "change");
        profile = profile == null ? Map.of() : profile;
    }

    public enum Change {
        @JsonProperty("entered") ENTERED,
        @JsonProperty("exited") EXITED
    }
}
