package crm.e2e;

import crm.testing.ApiTokenKeys;
import crm.testing.KafkaProcess;
import crm.testing.Ports;
import crm.testing.Postgres;
import crm.testing.Smtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole suite on one machine, every part a real server in its own process where it matters: PostgreSQL (one
 * database per service), a KRaft Kafka broker, an SMTP server, and the four packaged services
 * ({@code <module>/target/quarkus-app/quarkus-run.jar}). The local run and the end-to-end tests both start it.
 */
public final class Suite implements AutoCloseable {

    /**
     * @param root       the repository root (the services' target folders are under it)
     * @param data       where PostgreSQL, Kafka, keys, logs and received mail live; kept between runs
     * @param ports      the HTTP port of each service
     * @param adminToken the admin token ingest accepts
     */
    public record Options(Path root, Path data, Map<Service, Integer> ports, int postgresPort, int kafkaPort, int smtpPort,
                          String adminToken) {

        /** Free ports everywhere: for tests, which must not collide with anything running. */
        public static Options onFreePorts(Path root, Path data, String adminToken) {
            Map<Service, Integer> ports = new EnumMap<>(Service.class);
            for (Service s : Service.values()) ports.put(s, Ports.free());
            return new Options(root, data, ports, Ports.free(), Ports.free(), Ports.free(), adminToken);
        }
    }

    private final Options options;
    private final Map<Service, Process> processes = new EnumMap<>(Service.class);
    private final Map<Service, Map<String, String>> extraEnvironment = new EnumMap<>(Service.class);
    /** Further processes of a service beside the first, by "module#n" (n >= 1), each on its own port and log. */
    private final Map<String, Process> replicas = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Integer> replicaPorts = new java.util.concurrent.ConcurrentHashMap<>();
    private Postgres postgres;
    private KafkaProcess kafka;
    private Smtp smtp;
    private ApiTokenKeys keys;

    private Suite(Options options) {
        this.options = options;
    }

    public static Suite start(Options options) {
        return start(options, Map.of());
    }

    /** As {@link #start(Options)}, with extra environment variables (config properties) per service. */
    public static Suite start(Options options, Map<Service, Map<String, String>> environment) {
        Suite suite = new Suite(options);
        environment.forEach((s, env) -> env.forEach((name, value) -> suite.environment(s, name, value)));
        try {
            suite.startAll();
            return suite;
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    private void startAll() {
        for (Service s : Service.values()) {
            Path jar = jar(s);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build the services first (./mvnw package -DskipTests)");
            }
        }
        try {
            Files.createDirectories(options.data().resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys = ApiTokenKeys.keptIn(options.data().resolve("keys"));
        postgres = Postgres.start(options.postgresPort(), options.data().resolve("postgres"));
        for (Service s : Service.values()) postgres.createDatabase(s.database);
        kafka = KafkaProcess.start(options.data().resolve("kafka"), options.kafkaPort());
        smtp = Smtp.start(options.smtpPort());
        for (Service s : Service.values()) launch(s);
        for (Service s : Service.values()) awaitReady(s, Duration.ofSeconds(180));
    }

    private Path jar(Service s) {
        return options.root().resolve(s.module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Starts one service process (again, after {@link #kill} or {@link #stop}). */
    public void launch(Service s) {
        processes.put(s, startProcess(s, port(s), log(s)));
    }

    private Process startProcess(Service s, int port, Path log) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC"));
        // e.g. -Dcrm.jvm-options.journey-service=-XX:StartFlightRecording=filename=/tmp/journey.jfr to profile one service
        String extra = System.getProperty("crm.jvm-options." + s.module, "").strip();
        if (!extra.isEmpty()) command.addAll(List.of(extra.split("\\s+")));
        command.addAll(List.of("-jar", jar(s).toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(options.data().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(s.database));
        env.put("QUARKUS_DATASOURCE_USERNAME", Postgres.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", Postgres.PASSWORD);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("MP_JWT_VERIFY_PUBLICKEY", keys.publicKeyPem());
        env.put("QUARKUS_LOG_CONSOLE_COLOR", "false");
        switch (s) {
            case INGEST -> {
                env.put("SMALLRYE_JWT_SIGN_KEY", keys.privateKeyPem());
                env.put("CRM_ADMIN_TOKEN", options.adminToken());
                env.put("CRM_SECRETS_KEY", keptSecret("secrets-key"));
                env.put("CRM_PUBLIC_URL", url(s));
            }
            case JOURNEY -> {
                env.put("CRM_JOURNEY_PUBLIC_URL", url(s));
                env.put("CRM_JOURNEY_UNSUBSCRIBE_SECRET", keptSecret("unsubscribe-secret"));
                env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
                env.put("QUARKUS_MAILER_PORT", String.valueOf(smtp.port()));
                env.put("QUARKUS_MAILER_TLS", "false");
                env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
            }
            default -> {
            }
        }
        env.putAll(extraEnvironment.getOrDefault(s, Map.of()));
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + s.module, e);
        }
    }

    /** A random secret generated on first use and kept in the data folder, so links and ciphertexts survive restarts. */
    private String keptSecret(String name) {
        Path file = options.data().resolve("keys").resolve(name);
        try {
            if (Files.exists(file)) return Files.readString(file).trim();
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            String secret = java.util.Base64.getEncoder().encodeToString(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, secret);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Sets an environment variable (a config property) for the next {@link #launch} of that service. */
    public void environment(Service s, String name, String value) {
        extraEnvironment.computeIfAbsent(s, k -> new java.util.HashMap<>()).put(name, value);
    }

    /** Waits until the service answers ready (database and Kafka reachable). */
    public void awaitReady(Service s, Duration timeout) {
        awaitReady(s.module, () -> processes.get(s), url(s), log(s), timeout);
    }

    private static void awaitReady(String name, java.util.function.Supplier<Process> process, String url, Path log, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Process p = process.get();
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (Instant.now().isAfter(deadline)) throw new IllegalStateException(name + " not ready in " + timeout + "; see " + log);
            pause(200);
        }
    }

    public Path log(Service s) {
        return options.data().resolve("logs").resolve(s.module + ".log");
    }

    /**
     * Starts (again) replica {@code n} (1, 2, ...) of a service: one more process of it beside the first, on a port of its
     * own chosen at its first launch, with the same settings and its own log. Consumers share partitions with the first.
     */
    public void launchReplica(Service s, int n) {
        if (n < 1) throw new IllegalArgumentException("replica " + n + ": the first process is launch(service)");
        String key = replicaKey(s, n);
        int port = replicaPorts.computeIfAbsent(key, k -> Ports.free());
        replicas.put(key, startProcess(s, port, replicaLog(s, n)));
    }

    public void awaitReplicaReady(Service s, int n, Duration timeout) {
        awaitReady(replicaKey(s, n), () -> replicas.get(replicaKey(s, n)), replicaUrl(s, n), replicaLog(s, n), timeout);
    }

    /** Replica {@code n} as a crash would (SIGKILL). */
    public void killReplica(Service s, int n) {
        Process p = replicas.remove(replicaKey(s, n));
        if (p != null) destroy(p, true);
    }

    public String replicaUrl(Service s, int n) {
        Integer port = replicaPorts.get(replicaKey(s, n));
        if (port == null) throw new IllegalStateException(replicaKey(s, n) + " was never launched");
        return "http://127.0.0.1:" + port;
    }

    public Path replicaLog(Service s, int n) {
        return options.data().resolve("logs").resolve(s.module + "-" + n + ".log");
    }

    private static String replicaKey(Service s, int n) {
        return s.module + "#" + n;
    }

    private static void destroy(Process p, boolean forcibly) {
        if (forcibly) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    /** A clean stop (SIGTERM), as an orchestrator would. */
    public void stop(Service s) {
        Process p = processes.remove(s);
        if (p == null) return;
        p.destroy();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    /** As a crash would (SIGKILL). */
    public void kill(Service s) {
        Process p = processes.remove(s);
        if (p == null) return;
        p.destroyForcibly();
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int port(Service s) {
        return options.ports().get(s);
    }

    public String url(Service s) {
        return "http://127.0.0.1:" + port(s);
    }

    public Smtp smtp() {
        return smtp;
    }

    public KafkaProcess kafka() {
        return kafka;
    }

    public Postgres postgres() {
        return postgres;
    }

    public String adminToken() {
        return options.adminToken();
    }

    public Options options() {
        return options;
    }

    /** Stops everything, services first so they leave the broker and database cleanly. */
    @Override
    public void close() {
        List<Service> reversed = new ArrayList<>(List.of(Service.values()));
        java.util.Collections.reverse(reversed);
        reversed.parallelStream().forEach(this::stop);
        new ArrayList<>(replicas.keySet()).parallelStream().forEach(k -> {
            Process p = replicas.remove(k);
            if (p != null) destroy(p, false);
        });
        closeQuietly(smtp);
        closeQuietly(kafka);
        closeQuietly(postgres);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("while stopping: " + e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
