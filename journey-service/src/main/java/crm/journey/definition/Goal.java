package crm.journey.definition;

/**
 * The conversion a journey is for: an event with this name (e.g. "Order Completed") for the run's profile within
 * {@code within} (an ISO-8601 duration such as P5D) of the run's start marks the run converted.
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Goal(String event, String within) {
}
