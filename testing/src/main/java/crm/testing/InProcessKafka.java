package crm.testing;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real KRaft Kafka broker (combined broker + controller) inside the test JVM. */
public final class InProcessKafka implements AutoCloseable {
    /** Kafka's own shutdown hooks (deleting its temp log directories), run by {@link #close()} after the broker stopped. */
    private static final List<Runnable> DEFERRED_CLEANUP = new CopyOnWriteArrayList<>();

    private final KafkaClusterTestKit cluster;

    private InProcessKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static InProcessKafka start() {
        // The test kit registers JVM shutdown hooks that delete the log directories; racing our own stop, the broker
        // sees its directories vanish and halts the JVM, failing a green test run. Run them in order instead, and
        // never let the embedded broker halt or exit the test JVM.
        Exit.setShutdownHookAdder((name, hook) -> DEFERRED_CLEANUP.add(hook));
        Exit.setHaltProcedure((code, message) -> System.err.println("embedded Kafka asked to halt (" + code + "): " + message));
        Exit.setExitProcedure((code, message) -> System.err.println("embedded Kafka asked to exit (" + code + "): " + message));
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build();
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", "3")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new InProcessKafka(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not start", e);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            for (Runnable cleanup : DEFERRED_CLEANUP) {
                try {
                    cleanup.run();
                } catch (RuntimeException ignored) {
                    // best effort: temp directories
                }
            }
            DEFERRED_CLEANUP.clear();
        }
    }
}
