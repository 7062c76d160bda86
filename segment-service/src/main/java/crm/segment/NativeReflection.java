package crm.segment;

import crm.events.ProfileChanged;
import crm.events.SegmentMembershipChanged;
import crm.events.WorkspaceChanged;
import crm.segment.api.MembersPage;
import crm.segment.definition.SegmentSummary;
import crm.segment.membership.Member;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Every class Jackson reads or writes, so a native image keeps their constructors and accessors. */
@RegisterForReflection(targets = {
        ProfileChanged.class,
        WorkspaceChanged.class,
        WorkspaceChanged.Kind.class,
        SegmentMembershipChanged.class,
        SegmentMembershipChanged.Change.class,
        SegmentSummary.class,
        Member.class,
        MembersPage.class
})
public final class NativeReflection {
    private NativeReflection() {
    }
}
