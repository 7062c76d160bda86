package crm.ingest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The service with its Kafka producers pointed at a closed port: every publish fails. */
public class BrokerDown implements QuarkusTestProfile {
    private static final String NOWHERE = "127.0.0.1:1";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "kafka.bootstrap.servers", NOWHERE,
                // Connection refused is the point here: keep the clients' reconnect warnings out of the log.
                "quarkus.log.category.\"org.apache.kafka.clients\".level", "ERROR");
    }
}
