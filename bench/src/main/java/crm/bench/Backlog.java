package crm.bench;

import crm.e2e.Suite;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The consumers' backlog: how many records of the suite's topics the services' consumer groups have not committed yet.
 * Benchmarks wait for it to reach zero so that the next one does not measure against the previous one's leftovers.
 */
public final class Backlog implements AutoCloseable {
    private final Admin admin;

    private Backlog(Admin admin) {
        this.admin = admin;
    }

    public static Backlog of(Suite suite) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafka().bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "bench-backlog");
        return new Backlog(Admin.create(props));
    }

    /** Records of the crm.* topics not yet committed by any consumer group, summed over groups and partitions. */
    public long records() throws Exception {
        return byGroupAndTopic().values().stream().mapToLong(Long::longValue).sum();
    }

    /** The backlog per "group on topic", for a report of who is behind. */
    public Map<String, Long> byGroupAndTopic() throws Exception {
        Map<String, Long> lag = new java.util.TreeMap<>();
        for (GroupListing group : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(30, TimeUnit.SECONDS)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().stream().filter(tp -> tp.topic().startsWith("crm.")).forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            if (latest.isEmpty()) continue;
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            for (var end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                long behind = Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
                lag.merge(group.groupId() + " on " + end.getKey().topic(), behind, Long::sum);
            }
        }
        return lag;
    }

    /**
     * Waits until every consumer group caught up, or the deadline passed; returns the backlog left (0 when drained).
     * The backlog is read twice a second (each read is a few admin calls).
     */
    public long awaitDrained(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        long left = records();
        while (left > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            left = records();
        }
        return left;
    }

    public Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
