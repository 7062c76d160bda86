package crm.e2e.security;

import crm.e2e.Service;
import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;
import crm.events.Json;
import crm.events.ProfileChanged;
import crm.events.SegmentMembershipChanged;
import crm.events.Topics;
import crm.events.WorkspaceChanged;
import crm.testing.KafkaProbe;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison messages on every topic a service consumes go to crm.dlq.v1 with the reason, once per consuming service, and
 * never block their partition: a valid message written after them on the same partition is processed.
 */
@ExtendWith(SharedSuite.class)
@Order(3)
class PoisonMessageIT {
    private static final String DLQ = "crm.dlq.v1";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Every partition gets the poison and the valid message after it: partition 0, so they are in one queue. */
    private static final int PARTITION = 0;

    private static SharedSuite.Running s;
    private static Tenant tenant;
    private static KafkaProducer<byte[], byte[]> producer;
    private static Admin admin;

    @BeforeAll
    static void start() {
        s = SharedSuite.get();
        tenant = Tenant.create(s, "Poisoned");
        String bootstrap = s.suite.kafka().bootstrapServers();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    @AfterAll
    static void stop() {
        if (producer != null) producer.close();
        if (admin != null) admin.close();
    }

    @Test
    void poison_on_crm_events_is_dead_lettered_by_each_consumer_and_the_next_event_is_folded() {
        String email = "after.poison." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        s.remember("poison test email", email);
        CustomerEvent valid = new CustomerEvent("poison-check-" + UUID.randomUUID(), tenant.id(), EventType.IDENTIFY, null,
                Identities.of(null, null, email), Map.of("email", email, "first_name", "Valid"), Map.of(), Map.of(),
                Instant.now(), Instant.now(), "api", null);
        long validOffset = poisonThenValid(Topics.EVENTS, List.of("profile-service", "journey-service"),
                valid.key(), Json.write(valid), tenant.email());

        await().atMost(PATIENCE).until(() -> s.http.get(s.url(Service.PROFILE) + "/v1/profiles?email=" + email, tenant.token()).status() == 200);
        awaitCommittedPast(Topics.EVENTS, List.of("profile-service", "journey-service"), validOffset);
    }

    @Test
    void an_event_postgres_cannot_index_is_dead_lettered_and_the_next_event_is_folded() {
        // Well-formed, but its email is longer than an index row holds (random, so PostgreSQL cannot compress it small):
        // the same failure on every retry.
        StringBuilder local = new StringBuilder();
        while (local.length() < 6000) local.append(UUID.randomUUID().toString().replace("-", ""));
        String tooLong = local + "@example.org";
        s.remember("unindexable email", tooLong);
        CustomerEvent unstorable = new CustomerEvent("unstorable-" + UUID.randomUUID(), tenant.id(), EventType.IDENTIFY, null,
                Identities.of(null, null, tooLong), Map.of("email", tooLong), Map.of(), Map.of(), Instant.now(), Instant.now(), "api", null);
        String key = "unstorable-" + UUID.randomUUID();
        send(Topics.EVENTS, key.getBytes(StandardCharsets.UTF_8), Json.write(unstorable).getBytes(StandardCharsets.UTF_8));
        String email = "after.unstorable." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        s.remember("poison test email", email);
        CustomerEvent valid = new CustomerEvent("valid-" + UUID.randomUUID(), tenant.id(), EventType.IDENTIFY, null,
                Identities.of(null, null, email), Map.of("email", email), Map.of(), Map.of(), Instant.now(), Instant.now(), "api", null);
        send(Topics.EVENTS, valid.key().getBytes(StandardCharsets.UTF_8), Json.write(valid).getBytes(StandardCharsets.UTF_8));

        await().atMost(PATIENCE).until(() -> s.http.get(s.url(Service.PROFILE) + "/v1/profiles?email=" + email, tenant.token()).status() == 200);
        KafkaProbe probe = new KafkaProbe(s.suite.kafka().bootstrapServers());
        ConsumerRecord<String, String> dead = probe.await(DLQ, r -> key.equals(r.key()), PATIENCE);
        assertThat(header(dead, "dead-letter-reason")).isNotBlank();
    }

    @Test
    void poison_on_crm_profiles_is_dead_lettered_by_each_consumer_and_the_next_snapshot_is_segmented() {
        String profileId = UUID.randomUUID().toString();
        ProfileChanged valid = new ProfileChanged(tenant.id(), profileId, 1, Instant.now(), "poison-check-" + UUID.randomUUID(),
                Map.of("orders_count", 3, "total_spent", 120.0, "last_order_date", Instant.now().toString()));
        long validOffset = poisonThenValid(Topics.PROFILES, List.of("segment-service", "journey-service"),
                profileId, Json.write(valid), tenant.phone());

        await().atMost(PATIENCE).until(() -> {
            RawHttp.Answer a = s.http.get(s.url(Service.SEGMENT) + "/v1/profiles/" + profileId + "/segments", tenant.token());
            return a.status() == 200 && a.json().size() > 0;
        });
        awaitCommittedPast(Topics.PROFILES, List.of("segment-service", "journey-service"), validOffset);
    }

    @Test
    void poison_on_crm_segments_is_dead_lettered_and_the_next_transition_is_consumed() {
        SegmentMembershipChanged valid = new SegmentMembershipChanged("poison-check-" + UUID.randomUUID(), tenant.id(),
                tenant.segmentId(), "Poisoned big spenders", tenant.profileId(), SegmentMembershipChanged.Change.EXITED,
                "poison check", Instant.now(), 99, Map.of());
        long validOffset = poisonThenValid(Topics.SEGMENTS, List.of("journey-service"), tenant.profileId(), Json.write(valid),
                tenant.email());

        awaitCommittedPast(Topics.SEGMENTS, List.of("journey-service"), validOffset);
    }

    @Test
    void poison_on_crm_workspaces_is_dead_lettered_by_each_consumer_and_the_next_workspace_is_prepared() {
        String workspaceId = UUID.randomUUID().toString();
        WorkspaceChanged valid = new WorkspaceChanged(workspaceId, "Born after poison", WorkspaceChanged.Kind.CREATED, Instant.now());
        long validOffset = poisonThenValid(Topics.WORKSPACES, List.of("segment-service", "journey-service"),
                workspaceId, Json.write(valid), s.suite.adminToken().substring(0, 6) + "...");

        // Both consumers prepared the new workspace: presets in segment-service, template journeys in journey-service.
        Map<String, String> token = RawHttp.bearer(s.keys.tokenFor(workspaceId));
        await().atMost(PATIENCE).until(() -> s.http.get(s.url(Service.SEGMENT) + "/v1/segments", token).json().size() > 0);
        await().atMost(PATIENCE).until(() -> s.http.get(s.url(Service.JOURNEY) + "/v1/journeys", token).json().size() > 0);
        awaitCommittedPast(Topics.WORKSPACES, List.of("segment-service", "journey-service"), validOffset);
    }

    /**
     * Writes poisons of several kinds to one partition of the topic, then the valid message; checks every poison is
     * dead-lettered once by each consuming group, with the reason. Returns the valid message's offset.
     */
    private static long poisonThenValid(String topic, List<String> groups, String validKey, String validValue, String personal) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<byte[]> poisons = List.of(
                ("not json " + run).getBytes(StandardCharsets.UTF_8),
                ("{\"hello\":\"" + run + "\"}").getBytes(StandardCharsets.UTF_8),
                ("{\"id\":[1],\"workspaceId\":{\"x\":\"" + personal + "\"},\"type\":\"NOPE\",\"profileId\":7}").getBytes(StandardCharsets.UTF_8),
                ("{\"workspaceId\":\"" + tenant.id() + "\",\"note\":\"" + personal + "\",").getBytes(StandardCharsets.UTF_8),
                new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', ':', '1', '}'},
                new byte[0]);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < poisons.size(); i++) {
            String key = "poison-" + run + "-" + i;
            keys.add(key);
            send(topic, key.getBytes(StandardCharsets.UTF_8), poisons.get(i));
        }
        long validOffset = send(topic, validKey.getBytes(StandardCharsets.UTF_8), validValue.getBytes(StandardCharsets.UTF_8));

        KafkaProbe probe = new KafkaProbe(s.suite.kafka().bootstrapServers());
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = probe.all(DLQ);
            for (String key : keys) {
                List<ConsumerRecord<String, String>> ofKey = dead.stream().filter(r -> key.equals(r.key())).toList();
                assertThat(ofKey).as("dead letters of %s on %s", key, topic).hasSize(groups.size());
                for (ConsumerRecord<String, String> r : ofKey) {
                    Header reason = r.headers().lastHeader("dead-letter-reason");
                    assertThat(reason).as("reason of %s", key).isNotNull();
                    assertThat(new String(reason.value(), StandardCharsets.UTF_8)).isNotBlank();
                    assertThat(header(r, "dead-letter-topic")).isEqualTo(topic);
                }
            }
            assertThat(dead).as("the valid message is not dead-lettered").noneMatch(r -> validKey.equals(r.key())
                    && validValue.equals(r.value()));
        });
        return validOffset;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Every consuming group has committed past the valid message: the partition moved on. */
    private static void awaitCommittedPast(String topic, List<String> groups, long offset) {
        TopicPartition tp = new TopicPartition(topic, PARTITION);
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (String group : groups) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(tp);
                assertThat(committed).as("%s's committed offset on %s", group, tp).isNotNull();
                assertThat(committed.offset()).as("%s's committed offset on %s", group, tp).isGreaterThan(offset);
            }
        });
    }

    private static long send(String topic, byte[] key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, PARTITION, key, value)).get().offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
