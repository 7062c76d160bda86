package crm.journey.journeys;

import crm.journey.definition.EntryRule;
import crm.journey.definition.ExitCriterion;
import crm.journey.definition.Goal;
import crm.journey.definition.Step;
import crm.journey.definition.Trigger;
import crm.journey.guards.QuietHoursPolicy;
import crm.journey.runs.RunStatus;
import crm.journey.runs.RunTimeline;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The journey model and API classes Jackson (de)serialises beyond those in crm.journey.runtime.Reflection, so a native
 * image keeps their constructors and accessors.
 */
@RegisterForReflection(targets = {
        Trigger.EventHappened.class, EntryRule.class, EntryRule.ReEntry.class,
        ExitCriterion.class, ExitCriterion.EventHappened.class, ExitCriterion.SegmentExited.class, Goal.class,
        Step.Wait.class, Step.WaitForEvent.class, Step.Condition.class, Step.Condition.Op.class, Step.Split.class,
        Step.Split.Variant.class, Step.Exit.class,
        JourneyRequest.class, JourneyStatus.class, TemplateView.class, QuietHoursPolicy.class,
        TestSendRequest.class, TestSendResult.class,
        RunStatus.class, RunTimeline.class, RunTimeline.StepEntry.class, RunTimeline.Send.class})
public class JourneyReflection {
}
