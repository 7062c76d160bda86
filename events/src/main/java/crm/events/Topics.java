package crm.events;

/** The Kafka topics of the suite. Each service publishes exactly one of them (ingest also owns workspaces). */
public final class Topics {
    /** Customer events from every source: tracking API, store webhooks, provider callbacks, journey sends. Key: {@link Keys#event}. */
    public static final String EVENTS = "crm.events.v1";
    /** Profile snapshots after each change, published by profile-service. Key: profile id. */
    public static final String PROFILES = "crm.profiles.v1";
    /** Segment entered / exited, published by segment-service. Key: profile id. */
    public static final String SEGMENTS = "crm.segments.v1";
    /** Workspace lifecycle, published by ingest-service. Key: workspace id. */
    public static final String WORKSPACES = "crm.workspaces.v1";

    private Topics() {
    }
}
