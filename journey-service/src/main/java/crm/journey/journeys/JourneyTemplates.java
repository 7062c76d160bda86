package crm.journey.journeys;

import crm.events.MessageEvent;
import crm.events.PresetSegments;
import crm.journey.definition.JourneyDefinition;
import crm.journey.definition.Step;
import crm.journey.definition.Trigger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** The journeys a new workspace gets, active from the start, so a store sends its welcome email on day one. */
public final class JourneyTemplates {
    public static final String WELCOME = "welcome";
    public static final String WELCOME_STEP = "welcome-email";
    public static final String WELCOME_MESSAGE = "welcome";

    private JourneyTemplates() {
    }

    public static List<JourneyTemplate> forWorkspace(String workspaceId) {
        return List.of(welcome(workspaceId));
    }

    /** Welcomes a customer once, when they enter the workspace's preset Customers segment. */
    public static JourneyTemplate welcome(String workspaceId) {
        return new JourneyTemplate(WELCOME, "Welcome", new JourneyDefinition(
                new Trigger.SegmentEntered(PresetSegments.id(workspaceId, PresetSegments.CUSTOMERS)),
                List.of(new Step.Send(WELCOME_STEP, MessageEvent.Channel.email, WELCOME_MESSAGE))));
    }

    /**
     * The id of a workspace's journey made from a template: derived, not random, so every replica creating it at
     * once agrees on one row.
     */
    public static String journeyId(String workspaceId, String templateKey) {
        return UUID.nameUUIDFromBytes(("crm-journey-template:" + workspaceId + ":" + templateKey)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
