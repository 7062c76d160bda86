package crm.journey.journeys;

/**
 * draft: created, starts nothing yet; active: starts runs; paused: starts none, the runs already started go on;
 * archived: deleted through the API (hidden; its runs keep their history and finish).
 */
public enum JourneyStatus { draft, active, paused, archived }
