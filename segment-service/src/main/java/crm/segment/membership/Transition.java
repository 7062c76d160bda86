package crm.segment.membership;

import crm.events.ProfileChanged;
import crm.events.SegmentMembershipChanged;
import crm.events.SegmentMembershipChanged.Change;
import crm.segment.definition.Segment;

import java.time.Instant;

/** A profile entering or leaving one segment because of one snapshot. */
public record Transition(Segment segment, Change change) {

    /** The message that announces it; the id is unique per transition so journeys can dedupe on it. */
    public SegmentMembershipChanged announce(String id, ProfileChanged snapshot, Instant at) {
        return new SegmentMembershipChanged(id, snapshot.workspaceId(), segment.id(), segment.name(), snapshot.profileId(),
                change, segment.conditionText(), at, snapshot.version(), snapshot.traits());
    }
}
