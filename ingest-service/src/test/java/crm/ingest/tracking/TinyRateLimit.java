package crm.ingest.tracking;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** A rate limit small enough to reach in a test: a burst of 5 events, refilled at one event per 100 s. */
public class TinyRateLimit implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("crm.rate-limit.events-per-second", "0.01", "crm.rate-limit.burst", "5");
    }
}
