package crm.testing;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real KRaft Kafka broker (combined broker and controller) as its own JVM process, from the kafka_2.13 and
 * kafka-server artifacts on the classpath. Used where the broker must outlive, or be killed apart from, the JVM that
 * started it: the e2e suite and the local run. The log directory is kept, so a restart finds its topics again.
 */
public final class KafkaProcess implements AutoCloseable {
    private final Path directory;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private Process process;

    private KafkaProcess(Path directory, int port, int controllerPort, String classpath) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = classpath;
    }

    /** Formats the storage on first use and starts the broker; returns once it accepts connections. */
    public static KafkaProcess start(Path directory, int port) {
        KafkaProcess kafka = new KafkaProcess(directory, port, Ports.free(), currentClasspath());
        kafka.formatIfNew();
        kafka.launch();
        return kafka;
    }

    /** The classpath of this JVM; under Surefire/Failsafe the real one is in surefire.test.class.path. */
    static String currentClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    private Path config() {
        return directory.resolve("server.properties");
    }

    private void formatIfNew() {
        try {
            Files.createDirectories(directory.resolve("logs"));
            // The controller port changes per start; the quorum is one node, so rewriting it is safe.
            Files.writeString(config(), String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + directory.resolve("logs").toAbsolutePath(),
                    "num.partitions=3",
                    "auto.create.topics.enable=true",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    ""));
            if (!Files.exists(directory.resolve("logs/meta.properties"))) {
                run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config().toString()),
                        directory.resolve("format.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(List<String> mainAndArgs, Path log) {
        try {
            Process p = processBuilder(mainAndArgs, log).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("Kafka storage format failed, see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ProcessBuilder processBuilder(List<String> mainAndArgs, Path log) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xms256m", "-Xmx512m", "-XX:+UseG1GC",
                "-Djava.awt.headless=true"));
        command.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("CLASSPATH", classpath);
        return pb;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void launch() {
        try {
            process = processBuilder(List.of("kafka.Kafka", config().toString()), directory.resolve("kafka.log")).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!Ports.isOpen(port)) {
            if (!process.isAlive()) throw new IllegalStateException("Kafka exited at start, see " + directory.resolve("kafka.log"));
            if (Instant.now().isAfter(deadline)) throw new IllegalStateException("Kafka did not open port " + port);
            pause();
        }
    }

    /** Starts the broker again on the same ports and data, after {@link #stop()} or {@link #kill()}. */
    public void restart() {
        if (isAlive()) throw new IllegalStateException("Kafka is running");
        launch();
    }

    /** A clean shutdown (SIGTERM). */
    public void stop() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** As a crash would: SIGKILL. */
    public void kill() {
        if (process == null) return;
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
