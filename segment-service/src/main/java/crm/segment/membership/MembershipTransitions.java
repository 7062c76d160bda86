package crm.segment.membership;

import crm.events.SegmentMembershipChanged.Change;
import crm.segment.condition.Evaluation;
import crm.segment.definition.Segment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which segments a profile enters and leaves when its facts become {@code facts}. */
public final class MembershipTransitions {
    private MembershipTransitions() {
    }

    /**
     * @param segments  every segment of the profile's workspace
     * @param memberOf  ids of the segments the profile is in now
     * @return one transition per segment whose verdict changed, in the order of {@code segments}; memberships of
     *         segments no longer defined are left alone (removing a segment is not a profile change)
     */
    public static List<Transition> of(Collection<Segment> segments, Set<String> memberOf, Map<String, Object> facts,
                                      Evaluation evaluation) {
        List<Transition> transitions = new ArrayList<>();
        for (Segment segment : segments) {
            boolean was = memberOf.contains(segment.id());
            boolean is = segment.condition().matches(facts, evaluation);
            if (is && !was) transitions.add(new Transition(segment, Change.ENTERED));
            if (was && !is) transitions.add(new Transition(segment, Change.EXITED));
        }
        return transitions;
    }
}
