package crm.e2e.security;

import crm.e2e.Service;
import crm.e2e.Suite;
import crm.testing.ApiTokenKeys;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One running suite shared by every security IT (starting the whole suite costs most of a minute), stopped when the
 * test run ends. It also remembers every secret and personal value the tests hand to the services, so
 * {@link LogsHoldNoSecretsIT} (ordered last) can look for them in the services' logs.
 */
public final class SharedSuite implements BeforeAllCallback {
    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (SharedSuite.class) {
            if (running != null) return;
            running = new Running();
            // JUnit closes what the root store holds when the whole run ends, whichever class came last.
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(UUID.randomUUID(), running);
        }
    }

    static Running get() {
        if (running == null) throw new IllegalStateException("annotate the test class with @ExtendWith(SharedSuite.class)");
        return running;
    }

    /** The running suite; closed by JUnit when the root context closes (after the last test class). */
    static final class Running implements AutoCloseable {
        final Suite suite;
        final ApiTokenKeys keys;
        final RawHttp http = new RawHttp();
        /** What must never appear in a log: label -> value. */
        private final Map<String, String> secrets = Collections.synchronizedMap(new LinkedHashMap<>());
        private boolean closed;

        private Running() {
            Path root = Path.of(System.getProperty("crm.root", "..")).toAbsolutePath().normalize();
            Path data;
            try {
                data = Files.createTempDirectory("crm-e2e-security");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String admin = "e2e-admin-" + UUID.randomUUID();
            // Provider credentials, so the log scan can prove they never reach a log either.
            Map<String, String> providers = Map.of(
                    "CRM_JOURNEY_PROVIDERS_SENDGRID_API_KEY", "SG.e2e-" + UUID.randomUUID(),
                    "CRM_JOURNEY_PROVIDERS_TWILIO_AUTH_TOKEN", UUID.randomUUID().toString().replace("-", ""),
                    "CRM_JOURNEY_PROVIDERS_WEBHOOK_SECRET", "e2e-webhook-" + UUID.randomUUID());
            // A machine this busy can take longer than the pool's default 5 s to hand out the first connection.
            Map<Service, Map<String, String>> environment = new java.util.EnumMap<>(Service.class);
            for (Service service : Service.values()) {
                environment.put(service, new java.util.HashMap<>(Map.of("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "60S")));
            }
            environment.get(Service.JOURNEY).putAll(providers);
            suite = Suite.start(Suite.Options.onFreePorts(root, data, admin), environment);
            // Suite keeps its signing keys in data/keys: the same pair, so tests can mint expired or forged tokens.
            keys = ApiTokenKeys.keptIn(data.resolve("keys"));
            remember("admin token", admin);
            providers.forEach(this::remember);
            keptSecrets(data.resolve("keys"));
        }

        /** The keys Suite generated and keeps: the webhook secrets key, the unsubscribe key, the token signing key. */
        private void keptSecrets(Path folder) {
            try (var files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    if (f.getFileName().toString().contains("public")) continue;
                    String text = Files.readString(f).trim();
                    if (text.startsWith("-----BEGIN")) {
                        // Any line of the PEM's body in a log would be a leak.
                        text.lines().filter(l -> !l.startsWith("-----")).forEach(l -> remember(f.getFileName() + " line", l));
                    } else {
                        remember(f.getFileName().toString(), text);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A value that must never be written to a service log (tokens, keys, secrets, emails, phones). */
        void remember(String label, String value) {
            if (value != null && !value.isBlank()) secrets.putIfAbsent(value, label);
        }

        Map<String, String> secrets() {
            synchronized (secrets) {
                return Map.copyOf(secrets);
            }
        }

        String url(Service s) {
            return suite.url(s);
        }

        /** Stops the services (SIGTERM, so their shutdown is logged too); infrastructure stops in {@link #close}. */
        synchronized void stopServices() {
            for (Service s : Service.values()) suite.stop(s);
        }

        @Override
        public void close() {
            synchronized (SharedSuite.class) {
                if (closed) return;
                closed = true;
                suite.close();
                if (running == this) running = null;
            }
        }
    }
}
