package crm.ingest;

import crm.web.ProblemException;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** The answer when a dependency (broker, database) is away: nothing was accepted, the client should retry. */
public final class ServiceUnavailable {
    /** Seconds a client should wait; about the time a broker or database failover takes. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private ServiceUnavailable() {
    }

    public static ProblemException retryLater(String detail) {
        return new ProblemException(Response.Status.SERVICE_UNAVAILABLE, detail, null,
                Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)));
    }
}
