package crm.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Real infrastructure for a {@code @QuarkusTest}: PostgreSQL, a KRaft Kafka broker and an SMTP server, each on a free
 * port, started once per test JVM and shared by every test class of the module. Use with
 * {@code @QuarkusTestResource(CrmTestInfra.class)} or {@code @WithTestResource(CrmTestInfra.class)}.
 *
 * <p>The configuration it hands to the application is the one every service reads: the JDBC datasource, the Kafka
 * bootstrap servers, the mailer, the API-token keys and the admin token ({@link #ADMIN_TOKEN}).
 */
public class CrmTestInfra implements QuarkusTestResourceLifecycleManager {
    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final String DATABASE = "crm";

    private static Postgres postgres;
    private static InProcessKafka kafka;
    private static Smtp smtp;
    private static ApiTokenKeys keys;

    @Override
    public Map<String, String> start() {
        ensureStarted();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(DATABASE));
        config.put("quarkus.datasource.username", Postgres.USER);
        config.put("quarkus.datasource.password", Postgres.PASSWORD);
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        if (onClasspath("io.quarkus.mailer.Mailer")) {
            config.put("quarkus.mailer.host", "127.0.0.1");
            config.put("quarkus.mailer.port", String.valueOf(smtp.port()));
            config.put("quarkus.mailer.mock", "false");
            config.put("quarkus.mailer.tls", "false");
            config.put("quarkus.mailer.start-tls", "DISABLED");
        }
        config.put("mp.jwt.verify.publickey", keys.publicKeyPem());
        if (onClasspath("io.smallrye.jwt.build.Jwt")) config.put("smallrye.jwt.sign.key", keys.privateKeyPem());
        config.put("crm.admin-token", ADMIN_TOKEN);
        return config;
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static synchronized void ensureStarted() {
        if (postgres != null) return;
        keys = ApiTokenKeys.generate();
        postgres = Postgres.start(Ports.free(), null);
        postgres.createDatabase(DATABASE);
        kafka = InProcessKafka.start();
        smtp = Smtp.start(Ports.free());
        // One set of servers per JVM: stop them when the JVM ends, not between test classes.
        Runtime.getRuntime().addShutdownHook(new Thread(CrmTestInfra::stopAll, "crm-test-infra-stop"));
    }

    private static synchronized void stopAll() {
        for (AutoCloseable c : new AutoCloseable[] {smtp, kafka, postgres}) {
            try {
                if (c != null) c.close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
        }
    }

    @Override
    public void stop() {
        // Kept running for the next test class; see ensureStarted.
    }

    public static Smtp smtp() {
        ensureStarted();
        return smtp;
    }

    public static KafkaProbe kafka() {
        ensureStarted();
        return new KafkaProbe(kafka.bootstrapServers());
    }

    public static String bootstrapServers() {
        ensureStarted();
        return kafka.bootstrapServers();
    }

    public static Postgres postgres() {
        ensureStarted();
        return postgres;
    }

    /** A valid API token for the workspace, as ingest would issue it. */
    public static String apiToken(String workspaceId) {
        ensureStarted();
        return keys.tokenFor(workspaceId);
    }

    public static ApiTokenKeys keys() {
        ensureStarted();
        return keys;
    }
}
