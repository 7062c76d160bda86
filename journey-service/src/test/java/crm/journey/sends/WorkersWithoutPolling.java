package crm.journey.sends;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The service's send workers with a poll of an hour: within a test, only a wake-up can make them deliver. No email
 * frequency cap, so one profile may get several messages in a row.
 */
public class WorkersWithoutPolling implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "crm.journey.sends.every", "1h",
                "crm.journey.guards.caps.email", "none");
    }
}
