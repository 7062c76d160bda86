package crm.segment;

import crm.events.ProfileChanged;
import crm.events.ProfileErased;
import crm.events.ProfileMerged;
import crm.events.ProfileMessage;
import crm.events.SegmentMembershipChanged;
import crm.events.WorkspaceChanged;
import crm.segment.api.ConditionCheck;
import crm.segment.backfill.Backfill;
import crm.segment.api.ConditionProblem;
import crm.segment.api.ConditionRequest;
import crm.segment.api.HistoryView;
import crm.segment.api.MembersPage;
import crm.segment.api.Preview;
import crm.segment.api.SegmentRequest;
import crm.segment.api.SegmentView;
import crm.segment.api.StatisticsView;
import crm.segment.condition.Population;
import crm.segment.definition.SegmentSummary;
import crm.segment.history.SizeHistory;
import crm.segment.membership.Member;
import crm.segment.membership.MembershipRepository;
import crm.segment.membership.ProjectionQueries;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Every class Jackson reads or writes, so a native image keeps their constructors and accessors. */
@RegisterForReflection(targets = {
        ProfileMessage.class,
        ProfileChanged.class,
        ProfileMerged.class,
        ProfileErased.class,
        WorkspaceChanged.class,
        WorkspaceChanged.Kind.class,
        SegmentMembershipChanged.class,
        SegmentMembershipChanged.Change.class,
        SegmentSummary.class,
        Member.class,
        MembersPage.class,
        SegmentRequest.class,
        SegmentView.class,
        Backfill.class,
        ConditionRequest.class,
        ConditionCheck.class,
        ConditionProblem.class,
        Preview.class,
        ProjectionQueries.Sampled.class,
        HistoryView.class,
        SizeHistory.Day.class,
        StatisticsView.class,
        Population.class,
        Population.Top.class,
        MembershipRepository.ProfileSegment.class
})
public final class NativeReflection {
    private NativeReflection() {
    }
}
