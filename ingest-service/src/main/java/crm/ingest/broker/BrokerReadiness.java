package crm.ingest.broker;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Ready only while the broker answers: a pod that cannot publish would answer every event 503. Asks the cluster
 * (describeCluster) rather than the producer's connections, so a fresh pod is ready before its first send.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {
    /** "Messaging", as the other services' reactive-messaging checks are named: one name for the broker in every probe. */
    static final String NAME = "Messaging: Kafka broker";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "crm.broker.request-timeout")
    Duration timeout;

    private Admin admin;

    @PostConstruct
    void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "ingest-service-readiness"));
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            return HealthCheckResponse.named(NAME).up().withData("brokers", brokers).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResponse.named(NAME).down().build();
        } catch (Exception e) {
            return HealthCheckResponse.named(NAME).down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
