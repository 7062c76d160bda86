package crm.journey.sends;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The service with no scheduled send worker: the test is every worker there is, so it decides who races whom and when
 * a round runs. SendGrid is held to one send every 2 seconds of the injected clock.
 */
public class ManualSendWorker implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "crm.journey.sends.every", "off",
                "crm.journey.providers.rate-per-second.sendgrid", "0.5");
    }
}
