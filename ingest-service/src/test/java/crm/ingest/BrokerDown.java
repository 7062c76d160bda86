package crm.ingest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The service with its Kafka producers pointed at a closed port: every publish fails. */
public class BrokerDown implements QuarkusTestProfile {
    private static final String NOWHERE = "127.0.0.1:1";

    @Override
    public Map<String, String> getConfigOverrides() {
        // Channel-level settings win over the global kafka.bootstrap.servers the test infrastructure supplies.
        return Map.of(
                "kafka.bootstrap.servers", NOWHERE,
                "mp.messaging.outgoing.customer-events.bootstrap.servers", NOWHERE,
                "mp.messaging.outgoing.workspace-changes.bootstrap.servers", NOWHERE,
                "mp.messaging.outgoing.dead-letters.bootstrap.servers", NOWHERE,
                // Connection refused is the point here: keep the clients' reconnect warnings out of the log.
                "quarkus.log.category.\"org.apache.kafka.clients\".level", "ERROR");
    }
}
