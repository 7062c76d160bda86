package crm.journey.guards;

/** A send due in quiet hours waits until they end (hold) or is not sent at all (skip). */
public enum QuietHoursPolicy { hold, skip }
