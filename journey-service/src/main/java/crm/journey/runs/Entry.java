package crm.journey.runs;

import crm.events.SegmentMembershipChanged;
import crm.journey.journeys.Journey;

import java.util.List;

/** Which journeys a segment transition starts. Pure: the journeys of the workspace are passed in. */
public final class Entry {
    /** The entry value of a run a segment transition starts: segment triggers have no entry key (one per profile). */
    public static final String ONCE = "";

    private Entry() {
    }

    public static List<Journey> journeysStarted(SegmentMembershipChanged change, List<Journey> journeysOfWorkspace) {
        if (change.change() != SegmentMembershipChanged.Change.ENTERED) return List.of();
        return journeysOfWorkspace.stream()
                .filter(j -> j.workspaceId().equals(change.workspaceId()))
                .filter(j -> j.startsOnEntering(change.segmentId()))
                .toList();
    }

    /**
     * Why a transition cannot be processed at all (it goes to the dead-letter topic), or null when it can. The record
     * refuses missing ids itself; blank ones are caught here.
     */
    public static String defect(SegmentMembershipChanged change) {
        if (blank(change.id())) return "id is blank";
        if (blank(change.workspaceId())) return "workspaceId is blank";
        if (blank(change.segmentId())) return "segmentId is blank";
        if (blank(change.profileId())) return "profileId is blank";
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
