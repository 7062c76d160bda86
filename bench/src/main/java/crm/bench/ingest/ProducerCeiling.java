package crm.bench.ingest;

import crm.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The raw producer ceiling: Kafka's own org.apache.kafka.tools.ProducerPerformance (as kafka-producer-perf-test.sh runs
 * it, in its own JVM) against the suite's broker, on a topic created with crm.events.v1's partitions, replication
 * factor and topic-level settings, with the durability ingest uses (acks=all, idempotent producer).
 */
public final class ProducerCeiling {
    static final String TOPIC = "bench.producer-performance";
    /** ProducerPerformance's summary line: "N records sent, X records/sec (Y MB/sec), ...". */
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

    private ProducerCeiling() {
    }

    /** Runs ProducerPerformance for {@code records} records of {@code recordBytes}; returns records per second. */
    public static double run(Admin admin, String bootstrapServers, long records, int recordBytes, Path log) throws Exception {
        recreateLike(admin, Topics.EVENTS, TOPIC);
        try {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                    "--topic", TOPIC, "--num-records", String.valueOf(records), "--record-size", String.valueOf(recordBytes),
                    "--throughput", "-1",
                    "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all", "enable.idempotence=true",
                    "client.id=bench-producer-performance");
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("ProducerPerformance did not finish in 10 minutes; see " + log);
            }
            return recordsPerSecond(Files.readString(log))
                    .orElseThrow(() -> new IllegalStateException("no ProducerPerformance summary (exit " + p.exitValue() + "); see " + log));
        } finally {
            delete(admin, TOPIC); // 500 B x records would otherwise stay on disk
        }
    }

    /** The records/sec of the last summary line (the final one, after the periodic progress lines). */
    static java.util.OptionalDouble recordsPerSecond(String output) {
        Matcher m = SUMMARY.matcher(output);
        java.util.OptionalDouble last = java.util.OptionalDouble.empty();
        while (m.find()) last = java.util.OptionalDouble.of(Double.parseDouble(m.group(2)));
        return last;
    }

    /** Creates {@code target} with the partitions, replication factor and non-default topic configs of {@code model}. */
    static void recreateLike(Admin admin, String model, String target) throws Exception {
        TopicDescription d = admin.describeTopics(Set.of(model)).allTopicNames().get(30, TimeUnit.SECONDS).get(model);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, model);
        Config config = admin.describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        Map<String, String> overrides = config.entries().stream()
                .filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
        delete(admin, target);
        short replication = (short) d.partitions().get(0).replicas().size();
        NewTopic topic = new NewTopic(target, d.partitions().size(), replication).configs(overrides);
        for (int attempt = 1; ; attempt++) {
            try {
                admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                // A topic deleted a moment ago may still be on its way out.
                if (!(e.getCause() instanceof TopicExistsException) || attempt == 60) throw e;
                Thread.sleep(500);
            }
        }
    }

    private static void delete(Admin admin, String topic) throws InterruptedException, IOException {
        try {
            admin.deleteTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) throw new IOException("cannot delete " + topic, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("deleting " + topic + " timed out", e);
        }
    }
}
