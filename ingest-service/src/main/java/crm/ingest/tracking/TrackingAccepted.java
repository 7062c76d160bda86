package crm.ingest.tracking;

/** Segment's answer to an accepted tracking call. */
public record TrackingAccepted(boolean success) {
    public static final TrackingAccepted OK = new TrackingAccepted(true);
}
