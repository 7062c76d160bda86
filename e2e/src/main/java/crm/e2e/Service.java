package crm.e2e;

/** The four services of the suite: where their packaged app is, their port and their database. */
public enum Service {
    INGEST("ingest-service", 8081, "ingest"),
    PROFILE("profile-service", 8082, "profile"),
    SEGMENT("segment-service", 8083, "segment"),
    JOURNEY("journey-service", 8084, "journey");

    public final String module;
    public final int defaultPort;
    public final String database;

    Service(String module, int defaultPort, String database) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.database = database;
    }
}
