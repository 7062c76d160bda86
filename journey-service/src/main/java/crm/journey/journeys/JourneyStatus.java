package crm.journey.journeys;

/** Only active journeys start runs; pausing keeps the runs already started going. */
public enum JourneyStatus { active, paused }
