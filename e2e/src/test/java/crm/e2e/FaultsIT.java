package crm.e2e;

import crm.e2e.SteadyLoad.Customer;
import crm.events.Json;
import crm.events.Topics;
import crm.testing.Smtp;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults under load, from outside (issue 9, "Fault tests"): the packaged services as separate processes, two replicas
 * of each consumer service (profile, segment, journey), a steady load through ingest retried as an SDK retries. Under
 * it every service is killed (SIGKILL, every replica at once) and restarted in turn, the Kafka broker is stopped and
 * restarted, then PostgreSQL. Afterwards: every event ingest acknowledged is on the topic and counted once in its
 * profile, every welcome email due went out once (by its idempotency key), and the replicas shared the work.
 *
 * <p>The default run is short (README's {@code ./mvnw verify}); {@code -Pfaults} runs the long one (a few minutes of
 * load, a 30 s broker outage). The knobs are the {@code crm.faults.*} system properties set in e2e/pom.xml.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {
    private static final String IDEMPOTENCY_HEADER = "X-CRM-Idempotency-Key";
    /** Consumer services run twice; the group and the topic each one must share. */
    private static final Map<Service, List<String>> SHARED_TOPICS = Map.of(
            Service.PROFILE, List.of(Topics.EVENTS),
            Service.SEGMENT, List.of(Topics.PROFILES),
            Service.JOURNEY, List.of(Topics.SEGMENTS, Topics.EVENTS, Topics.PROFILES));
    private static final List<Service> CONSUMERS = List.of(Service.PROFILE, Service.SEGMENT, Service.JOURNEY);
    // Generous: on a busy 2-core machine a service takes minutes to start.
    private static final Duration READY = Duration.ofMinutes(5);

    private static final int RATE = Integer.getInteger("crm.faults.rate", 25);
    private static final int CUSTOMERS_COUNT = Integer.getInteger("crm.faults.customers", 200);
    private static final Duration STEADY = Duration.parse(System.getProperty("crm.faults.steady", "PT5S"));
    private static final Duration BROKER_OUTAGE = Duration.parse(System.getProperty("crm.faults.broker-outage", "PT5S"));
    private static final long SEED = Long.getLong("crm.faults.seed", 20261123L);
    /** A send claimed by a killed worker is taken up again after this lease: short, so a double send shows in time. */
    private static final Duration SEND_LEASE = Duration.ofSeconds(10);

    private static Suite suite;
    private static String workspaceId;
    private static String apiToken;
    private static String writeKey;
    private static List<Customer> customers;
    private static SteadyLoad load;

    @BeforeAll
    static void startSuiteWithReplicas() throws Exception {
        Path root = Path.of(System.getProperty("crm.root", "..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("crm-faults");
        Map<Service, Map<String, String>> env = Map.of(Service.JOURNEY, Map.of("CRM_JOURNEY_SENDS_LEASE", SEND_LEASE.toSeconds() + "s"));
        suite = Suite.start(Suite.Options.onFreePorts(root, data, "faults-admin-" + UUID.randomUUID()), env);
        for (Service s : CONSUMERS) suite.launchReplica(s, 1);
        for (Service s : CONSUMERS) suite.awaitReplicaReady(s, 1, READY);
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        System.out.println("[faults] suite and replicas ready, data in " + data);
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) suite.close();
    }

    @Test
    @Order(1)
    void every_acknowledged_event_counts_once_and_every_welcome_goes_out_once_through_crashes_and_outages() throws Exception {
        prepareWorkspace();
        load = new SteadyLoad(suite.url(Service.INGEST), writeKey, customers, RATE, 5, SEED);
        load.start();
        step("steady load", () -> holdWhileLoadRuns(STEADY));
        for (Service s : Service.values()) {
            step("kill -9 and restart " + s.module + (CONSUMERS.contains(s) ? " (both replicas)" : ""), () -> crashAndRestart(s));
        }
        step("Kafka broker stopped for " + BROKER_OUTAGE.toSeconds() + " s, then restarted", () -> {
            suite.kafka().stop();
            holdWhileLoadRuns(BROKER_OUTAGE);
            suite.kafka().restart();
        });
        step("PostgreSQL restarted", () -> suite.postgres().restart());
        step("steady load", () -> holdWhileLoadRuns(STEADY));
        step("load stopped, every batch retried until acknowledged", () -> load.stopAndDrain(Duration.ofMinutes(3)));
        System.out.println("[faults] " + load.summary());

        // Ingest: only 200, 429 and 503 for valid batches, and every batch was acknowledged in the end.
        assertThat(load.unexpectedAnswers()).as("answers other than 2xx, 429 or 503").isEmpty();
        assertThat(load.batchesAbandoned()).as("batches never acknowledged").isZero();
        assertThat(load.batchesAcked()).isEqualTo(load.batchesSent());

        // Never a 2xx for an event that was not stored: every acknowledged id is on crm.events.v1.
        Set<String> onTopic = eventIdsOnTopic();
        List<String> missing = customers.stream().flatMap(c -> load.acked(c).messageIds.stream())
                .filter(id -> !onTopic.contains(id)).toList();
        assertThat(missing).as("acknowledged events missing from " + Topics.EVENTS).isEmpty();

        // Each profile counts exactly what was acknowledged for it: nothing lost, nothing twice.
        awaitConsumersCaughtUp();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(countMismatches()).as("profiles whose counts differ from what ingest acknowledged; " + lag()).isEmpty());
        for (Customer c : customers) assertTimelineHoldsEachAcknowledgedEventOnce(c);

        // One welcome email per customer with an order, none to the others, none twice (by idempotency key).
        Set<String> buyers = new HashSet<>();
        for (Customer c : customers) if (load.acked(c).orders.get() > 0) buyers.add(c.email().toLowerCase());
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(welcomeRecipients(suite.smtp())).as("welcome emails; " + lag()).containsExactlyInAnyOrderElementsOf(buyers));
        // A send taken up again after its worker died would come after the lease: no more may arrive meanwhile.
        await().during(SEND_LEASE.plusSeconds(5)).atMost(SEND_LEASE.plusSeconds(30))
                .untilAsserted(() -> assertEachKeySentOnce(suite.smtp(), buyers.size()));
    }

    @Test
    @Order(2)
    void both_replicas_of_each_consumer_service_got_partitions_and_did_work() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafka().bootstrapServers()))) {
            for (Service s : CONSUMERS) {
                // A restarted replica joins, and the killed one leaves the group after its session timeout.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(s.module)).all().get().get(s.module);
                    for (String topic : SHARED_TOPICS.get(s)) {
                        List<MemberDescription> owners = group.members().stream().filter(m -> m.assignment().topicPartitions()
                                .stream().anyMatch(tp -> tp.topic().equals(topic))).toList();
                        // At least one member per replica; journey reads events with four consumers per replica, so
                        // more may hold some. That both replicas worked is checked below, from their own metrics.
                        assertThat(owners).as(s.module + " members holding partitions of " + topic).hasSizeGreaterThanOrEqualTo(2);
                    }
                });
            }
        }
        for (Service s : CONSUMERS) {
            assertThat(recordsConsumed(suite.url(s))).as(s.module + " records consumed since its restart").isPositive();
            assertThat(recordsConsumed(suite.replicaUrl(s, 1))).as(s.module + " replica 1 records consumed since its restart").isPositive();
        }
    }

    // --- the faults ---

    private static void crashAndRestart(Service s) {
        suite.kill(s);
        if (CONSUMERS.contains(s)) suite.killReplica(s, 1);
        suite.launch(s);
        if (CONSUMERS.contains(s)) suite.launchReplica(s, 1);
        restartedUntilReady(s.module, () -> suite.launch(s), () -> suite.awaitReady(s, READY));
        if (CONSUMERS.contains(s)) {
            restartedUntilReady(s.module + " replica 1", () -> suite.launchReplica(s, 1), () -> suite.awaitReplicaReady(s, 1, READY));
        }
    }

    /**
     * Waits until the process is ready; one that exits while starting is started again, as an orchestrator would
     * (on a busy machine a start can outlast a timeout, e.g. the database pool's acquisition timeout).
     */
    private static void restartedUntilReady(String name, Runnable launch, Runnable awaitReady) {
        for (int attempt = 1; ; attempt++) {
            try {
                awaitReady.run();
                return;
            } catch (IllegalStateException exited) {
                if (attempt == 3 || !String.valueOf(exited.getMessage()).contains(" exited")) throw exited;
                System.out.println("[faults] " + name + " exited while starting, started again: " + exited.getMessage());
                launch.run();
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void step(String what, Step step) throws Exception {
        Instant start = Instant.now();
        step.run();
        System.out.printf("[faults] %s: %d ms; %s; %s%n", what, Duration.between(start, Instant.now()).toMillis(),
                load == null ? "" : load.summary(), lag());
    }

    /**
     * Holds the scenario (steady load, or the outage itself) until the load generator has made the batches of that
     * much time at its pace: the load's own progress marks the time, with a deadline in case it stalls.
     */
    private static void holdWhileLoadRuns(Duration d) {
        int until = load.batchesSent() + load.batchesIn(d);
        await().atMost(d.multipliedBy(3).plusSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> load.batchesSent() >= until);
    }

    // --- the store ---

    private static void prepareWorkspace() {
        Map<String, Object> workspace = given().baseUri(suite.url(Service.INGEST))
                .header("Authorization", "Bearer " + suite.adminToken())
                .contentType(ContentType.JSON).body(Map.of("name", "Faults"))
                .post("/v1/workspaces").then().statusCode(201).extract().jsonPath().getMap("");
        workspaceId = (String) workspace.get("id");
        writeKey = (String) workspace.get("writeKey");
        apiToken = (String) workspace.get("apiToken");

        List<Customer> list = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS_COUNT; i++) {
            list.add(new Customer("f-" + i, "customer-" + i + "@faults.example", i % 2 == 0));
        }
        customers = List.copyOf(list);

        // The Customers preset and the active Welcome journey, made when the two services heard of the workspace.
        await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(suite.url(Service.SEGMENT)).auth().oauth2(apiToken)
                .get("/v1/segments").then().extract().jsonPath().getString("find { it.key == 'customers' }.id"), id -> id != null);
        await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(suite.url(Service.JOURNEY)).auth().oauth2(apiToken)
                .get("/v1/journeys").then().extract().jsonPath().getString("find { it.templateKey == 'welcome' }.status"),
                "active"::equals);

        // Everyone signs up first, so every profile has its email before it can become a customer.
        List<Map<String, Object>> identifies = customers.stream().map(c -> Map.<String, Object>of("type", "identify",
                "messageId", "signup-" + c.userId(), "userId", c.userId(),
                "traits", Map.of("email", c.email(), "first_name", "Customer"))).toList();
        // Retried with the same messageIds while ingest answers 503 (a busy broker), as an SDK would.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() ->
                given().baseUri(suite.url(Service.INGEST)).auth().preemptive().basic(writeKey, "")
                        .contentType(ContentType.JSON).body(Map.of("batch", identifies))
                        .post("/v1/batch").statusCode(), status -> status == 200);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(customers.stream().filter(c -> profile(c) == null).map(Customer::userId).toList())
                        .as("customers without a profile yet; " + lag()).isEmpty());
    }

    private static JsonPath profile(Customer c) {
        Response r = given().baseUri(suite.url(Service.PROFILE)).auth().oauth2(apiToken)
                .queryParam("userId", c.userId()).get("/v1/profiles");
        return r.statusCode() == 200 ? r.jsonPath() : null;
    }

    // --- the checks ---

    /**
     * Waits until every consumer group has consumed everything on its topics. The backlog the faults left can take
     * long on a busy machine, so the wait goes on as long as the backlog shrinks, and fails when it stalls.
     */
    private static void awaitConsumersCaughtUp() {
        Duration stall = Duration.ofMinutes(3);
        long[] least = {Long.MAX_VALUE};
        Instant[] progressed = {Instant.now()};
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(5)).until(() -> {
            long lag = totalLag();
            if (lag < least[0]) {
                least[0] = lag;
                progressed[0] = Instant.now();
            } else if (Duration.between(progressed[0], Instant.now()).compareTo(stall) > 0) {
                throw new AssertionError("consumers made no progress for " + stall + "; " + lag());
            }
            return lag == 0;
        });
        System.out.println("[faults] consumers caught up; " + lag());
    }

    private static long totalLag() {
        String lag = lag();
        if (!lag.startsWith("lag ")) return Long.MAX_VALUE;
        return java.util.Arrays.stream(lag.substring(4).split(" ")).mapToLong(e -> Long.parseLong(e.substring(e.indexOf('=') + 1))).sum();
    }

    /** Records not yet consumed per consumer group, over all its topics: where the work stands, for the log. */
    private static String lag() {
        if (!suite.kafka().isAlive()) return "broker down";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafka().bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            StringBuilder out = new StringBuilder("lag");
            for (Service s : CONSUMERS) {
                var committed = admin.listConsumerGroupOffsets(s.module).partitionsToOffsetAndMetadata().get();
                var ends = admin.listOffsets(committed.keySet().stream().collect(java.util.stream.Collectors.toMap(tp -> tp,
                        tp -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
                long lag = committed.entrySet().stream().filter(e -> e.getValue() != null)
                        .mapToLong(e -> ends.get(e.getKey()).offset() - e.getValue().offset()).sum();
                out.append(' ').append(s.module).append('=').append(lag);
            }
            return out.toString();
        } catch (Exception e) {
            return "lag unknown (" + e + ")";
        }
    }

    /** Every event id on crm.events.v1, read from the beginning to the end offsets of now. */
    private static Set<String> eventIdsOnTopic() {
        Set<String> ids = new HashSet<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafka().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(Topics.EVENTS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) throw new AssertionError("could not read " + Topics.EVENTS + " to its end");
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() == null) continue;
                    Object id = Json.read(r.value(), Map.class).get("id");
                    if (id != null) ids.add(id.toString());
                }
            }
        }
        return ids;
    }

    /** "userId: views a/b, orders c/d" for each profile whose counts are not what ingest acknowledged. */
    private static List<String> countMismatches() {
        List<String> mismatches = new ArrayList<>();
        for (Customer c : customers) {
            JsonPath p = profile(c);
            int views = p == null ? -1 : intTrait(p, "product_visits");
            int orders = p == null ? -1 : intTrait(p, "orders_count");
            SteadyLoad.Acked a = load.acked(c);
            if (views != a.views.get() || orders != a.orders.get()) {
                mismatches.add(c.userId() + ": product_visits " + views + " of " + a.views.get() + ", orders_count " + orders + " of " + a.orders.get());
            }
        }
        return mismatches;
    }

    private static int intTrait(JsonPath p, String trait) {
        Object v = p.get("traits." + trait);
        return v == null ? 0 : ((Number) v).intValue();
    }

    private static void assertTimelineHoldsEachAcknowledgedEventOnce(Customer c) {
        String profileId = profile(c).getString("id");
        List<String> loadEvents = new ArrayList<>();
        String after = null;
        do {
            var request = given().baseUri(suite.url(Service.PROFILE)).auth().oauth2(apiToken).queryParam("limit", 500);
            if (after != null) request.queryParam("after", after);
            JsonPath page = request.get("/v1/profiles/{id}/events", profileId).then().statusCode(200).extract().jsonPath();
            for (String id : page.<String>getList("events.id")) if (id.startsWith("load-")) loadEvents.add(id);
            after = page.getString("next");
        } while (after != null);
        assertThat(loadEvents).as("timeline of " + c.userId()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(load.acked(c).messageIds);
    }

    /** Recipients of the welcome emails received so far (one entry per message). */
    private static List<String> welcomeRecipients(Smtp smtp) throws MessagingException {
        List<String> to = new ArrayList<>();
        for (MimeMessage m : smtp.received()) {
            if ("Welcome!".equals(m.getSubject())) to.add(m.getAllRecipients()[0].toString().toLowerCase());
        }
        return to;
    }

    private static void assertEachKeySentOnce(Smtp smtp, int expected) throws MessagingException {
        Map<String, Integer> byKey = new HashMap<>();
        for (MimeMessage m : smtp.received()) {
            String[] key = m.getHeader(IDEMPOTENCY_HEADER);
            assertThat(key).as("idempotency key of a message to " + m.getAllRecipients()[0]).isNotNull();
            byKey.merge(key[0], 1, Integer::sum);
        }
        assertThat(byKey.values().stream().filter(n -> n > 1).count()).as("messages sent more than once: " + byKey).isZero();
        assertThat(byKey).hasSize(expected);
    }

    private static final Pattern CONSUMED = Pattern.compile(
            "^kafka_consumer_fetch_manager_records_consumed_total\\{[^}]*}\\s+([0-9.E+]+)$", Pattern.MULTILINE);

    /** Records this process's Kafka consumers fetched, from its Prometheus metrics. */
    private static double recordsConsumed(String url) {
        String metrics = given().baseUri(url).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = CONSUMED.matcher(metrics);
        double total = 0;
        while (m.find()) total += Double.parseDouble(m.group(1));
        return total;
    }
}
