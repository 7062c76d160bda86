package crm.journey.runtime;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;
import crm.events.MessageEvent;
import crm.events.SegmentMembershipChanged;
import crm.events.WorkspaceChanged;
import crm.journey.definition.JourneyDefinition;
import crm.journey.definition.Step;
import crm.journey.definition.Trigger;
import crm.journey.journeys.JourneyView;
import crm.journey.runs.RunView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Every class Jackson (de)serialises, so a native image keeps their constructors and accessors. */
@RegisterForReflection(targets = {
        SegmentMembershipChanged.class, SegmentMembershipChanged.Change.class,
        WorkspaceChanged.class, WorkspaceChanged.Kind.class,
        CustomerEvent.class, EventType.class, Identities.class,
        MessageEvent.class, MessageEvent.Channel.class, MessageEvent.Status.class,
        JourneyDefinition.class, Trigger.class, Trigger.SegmentEntered.class, Step.class, Step.Send.class,
        JourneyView.class, RunView.class, RunView.StepView.class})
public class Reflection {
}
