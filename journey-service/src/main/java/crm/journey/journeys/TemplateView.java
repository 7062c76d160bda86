package crm.journey.journeys;

/**
 * A journey template as {@code GET /v1/journeys/templates} lists it.
 *
 * @param journeyId the id the workspace's journey made from it has (activating creates it under that id)
 */
public record TemplateView(String key, String name, String description, String journeyId) {
}
