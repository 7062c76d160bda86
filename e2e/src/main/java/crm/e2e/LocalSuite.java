package crm.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local run: the whole suite on fixed ports with its data kept in ./data, until Ctrl-C.
 *
 * <p>Environment: {@code CRM_DATA_DIR} (default {@code data} under the working directory), {@code CRM_ADMIN_TOKEN}
 * (default: generated once and kept in the data folder), {@code CRM_POSTGRES_PORT} (15432), {@code CRM_KAFKA_PORT}
 * (19092), {@code CRM_SMTP_PORT} (2525). The services listen on 8081-8084.
 */
public final class LocalSuite {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("crm.root", ".")).toAbsolutePath().normalize();
        Path data = Path.of(env("CRM_DATA_DIR", root.resolve("data").toString())).toAbsolutePath().normalize();
        Files.createDirectories(data);
        String adminToken = adminToken(data);

        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service s : Service.values()) ports.put(s, s.defaultPort);
        var options = new Suite.Options(root, data, ports, Integer.parseInt(env("CRM_POSTGRES_PORT", "15432")),
                Integer.parseInt(env("CRM_KAFKA_PORT", "19092")), Integer.parseInt(env("CRM_SMTP_PORT", "2525")), adminToken);
        busyPorts(options);

        System.out.println("Starting PostgreSQL, Kafka, SMTP and the four services (data in " + data + ") ...");
        Suite suite = Suite.start(options);
        MailFolder mail = new MailFolder(suite.smtp(), data.resolve("mail"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the suite ...");
            mail.close();
            suite.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "local-suite-stop"));

        System.out.println();
        System.out.println("CRM suite is up.");
        System.out.println("  ingest   " + suite.url(Service.INGEST) + "   (tracking API, workspaces)");
        System.out.println("  profile  " + suite.url(Service.PROFILE));
        System.out.println("  segment  " + suite.url(Service.SEGMENT));
        System.out.println("  journey  " + suite.url(Service.JOURNEY));
        System.out.println("  OpenAPI of each: <url>/q/openapi, health: <url>/q/health/ready, metrics: <url>/q/metrics");
        System.out.println("  PostgreSQL 127.0.0.1:" + options.postgresPort() + " (postgres/postgres), Kafka 127.0.0.1:"
                + options.kafkaPort() + ", SMTP 127.0.0.1:" + options.smtpPort());
        System.out.println("  Received mail: " + data.resolve("mail") + " (.eml files)   Logs: " + data.resolve("logs"));
        System.out.println("  Admin token: " + adminToken);
        System.out.println();
        System.out.println("Create a workspace:");
        System.out.println("  curl -s -X POST " + suite.url(Service.INGEST) + "/v1/workspaces -H 'Authorization: Bearer " + adminToken
                + "' -H 'Content-Type: application/json' -d '{\"name\":\"My store\"}'");
        System.out.println("Press Ctrl-C to stop everything.");
        stopped.await();
    }

    private static void busyPorts(Suite.Options o) {
        StringBuilder busy = new StringBuilder();
        for (int port : new int[] {o.postgresPort(), o.kafkaPort(), o.smtpPort()}) {
            if (crm.testing.Ports.isOpen(port)) busy.append(' ').append(port);
        }
        o.ports().values().forEach(port -> {
            if (crm.testing.Ports.isOpen(port)) busy.append(' ').append(port);
        });
        if (!busy.isEmpty()) {
            System.err.println("Ports already in use:" + busy + ". Is another run of the suite still up? Stop it, or choose"
                    + " other ports (CRM_POSTGRES_PORT, CRM_KAFKA_PORT, CRM_SMTP_PORT).");
            System.exit(2);
        }
    }

    private static String adminToken(Path data) throws IOException {
        String fromEnv = System.getenv("CRM_ADMIN_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) return fromEnv;
        Path kept = data.resolve("admin-token");
        if (Files.exists(kept)) return Files.readString(kept).trim();
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.writeString(kept, token);
        return token;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
