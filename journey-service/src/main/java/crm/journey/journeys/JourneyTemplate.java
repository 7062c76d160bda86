package crm.journey.journeys;

import crm.journey.definition.JourneyDefinition;

/** A journey every workspace starts with, made ready for one workspace. */
public record JourneyTemplate(String key, String name, JourneyDefinition definition) {
}
