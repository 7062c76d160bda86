package crm.journey.journeys;

import crm.journey.definition.JourneyDefinition;

/** A journey as the API shows it. */
public record JourneyView(String id, String name, JourneyStatus status, String templateKey, int version,
                          JourneyDefinition definition) {

    public static JourneyView of(Journey j) {
        return new JourneyView(j.id(), j.name(), j.status(), j.templateKey(), j.version(), j.definition());
    }
}
