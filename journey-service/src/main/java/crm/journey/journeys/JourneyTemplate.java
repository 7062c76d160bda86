package crm.journey.journeys;

import crm.journey.definition.JourneyDefinition;

/** A journey ready to activate, made for one workspace. */
public record JourneyTemplate(String key, String name, String description, JourneyDefinition definition) {
    public JourneyTemplate(String key, String name, JourneyDefinition definition) {
        this(key, name, null, definition);
    }
}
