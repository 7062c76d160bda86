package crm.journey.journeys;

import crm.journey.definition.JourneyDefinition;

/** The body of {@code POST /v1/journeys} and {@code PUT /v1/journeys/{id}}. */
public record JourneyRequest(String name, JourneyDefinition definition) {
}
