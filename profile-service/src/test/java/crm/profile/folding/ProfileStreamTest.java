package crm.profile.folding;

import crm.events.CustomerEvent;
import crm.events.EventNames;
import crm.events.Identities;
import crm.events.Json;
import crm.events.ProfileChanged;
import crm.events.Topics;
import crm.profile.Events;
import crm.profile.predictions.EventBatch;
import crm.testing.CrmTestInfra;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Events through the real broker into the real database, snapshots back out on the real broker. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class ProfileStreamTest {
    @Inject
    DataSource dataSource;
    @Inject
    MeterRegistry meters;
    static final Duration PATIENCE = Duration.ofSeconds(60);

    static String newWorkspace() {
        return "ws-" + UUID.randomUUID();
    }

    /** Polls the API until the profile of the email satisfies the condition, and answers it. */
    static JsonPath awaitProfile(String ws, String email, java.util.function.Predicate<JsonPath> condition) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            var response = given().auth().oauth2(CrmTestInfra.apiToken(ws)).queryParam("email", email).get("/v1/profiles");
            return response.statusCode() == 200 ? response.jsonPath() : null;
        }, p -> p != null && condition.test(p));
    }

    static Map<String, Object> order(String orderId, String total) {
        return Map.of("order_id", orderId, "total", new BigDecimal(total), "currency", "EUR");
    }

    @Test
    void identify_then_order_completed_shows_in_the_profile_and_its_published_snapshot() {
        String ws = newWorkspace();
        Identities jane = Identities.of("u-jane", null, "Jane@Example.com");
        Instant orderedAt = Instant.parse("2025-04-02T09:30:00Z");
        Events.send(Events.identify(ws, jane, Map.of("firstName", "Jane", "last_name", "Doe")));
        CustomerEvent ordered = Events.track(ws, jane, EventNames.ORDER_COMPLETED, order("1001", "49.90"), orderedAt);
        Events.send(ordered);

        JsonPath profile = awaitProfile(ws, "jane@example.com", p -> p.getInt("traits.orders_count") == 1);

        assertThat(profile.getString("workspaceId")).isEqualTo(ws);
        assertThat(profile.getLong("version")).isEqualTo(2);
        assertThat(profile.getString("traits.email")).isEqualTo("jane@example.com");
        assertThat(profile.getString("traits.first_name")).isEqualTo("Jane");
        assertThat(profile.getString("traits.last_name")).isEqualTo("Doe");
        assertThat(new BigDecimal(profile.getString("traits.total_spent"))).isEqualByComparingTo("49.90");
        assertThat(new BigDecimal(profile.getString("traits.average_basket"))).isEqualByComparingTo("49.90");
        assertThat(profile.getString("traits.first_order_date")).isEqualTo("2025-04-02T09:30:00Z");
        assertThat(profile.getString("traits.last_order_date")).isEqualTo("2025-04-02T09:30:00Z");
        assertThat(profile.getList("identities.email")).containsExactly("jane@example.com");
        assertThat(profile.getList("identities.userId")).containsExactly("u-jane");
        assertThat(profile.getList("identities.anonymousId")).isEmpty();

        String profileId = profile.getString("id");
        var record = CrmTestInfra.kafka().await(Topics.PROFILES,
                r -> profileId.equals(r.key()) && Json.read(r.value(), ProfileChanged.class).version() == 2, PATIENCE);
        ProfileChanged snapshot = Json.read(record.value(), ProfileChanged.class);
        assertThat(snapshot.workspaceId()).isEqualTo(ws);
        assertThat(snapshot.causeEventId()).isEqualTo(ordered.id());
        assertThat(snapshot.changedAt()).isNotNull();
        assertThat(snapshot.traits()).containsEntry("orders_count", 1).containsEntry("email", "jane@example.com")
                .containsEntry("first_name", "Jane").containsEntry("first_order_date", "2025-04-02T09:30:00Z")
                .containsEntry("last_order_date", "2025-04-02T09:30:00Z");
        assertThat((BigDecimal) snapshot.traits().get("total_spent")).isEqualByComparingTo("49.90");
    }

    @Test
    void the_same_event_delivered_twice_counts_once_and_republishes_the_same_snapshot() {
        String ws = newWorkspace();
        Identities bob = Identities.of(null, null, "bob@example.com");
        CustomerEvent ordered = Events.track(ws, bob, EventNames.ORDER_COMPLETED, order("2001", "10.00"), Instant.now());
        Events.send(ordered);
        String profileId = awaitProfile(ws, "bob@example.com", p -> p.getInt("traits.orders_count") == 1).getString("id");
        // Folded already, so the redelivery comes in a later batch: it republishes the same snapshot.
        Events.send(ordered);
        await().atMost(PATIENCE).until(() -> published(profileId).size() == 2);
        Events.send(Events.identify(ws, bob, Map.of("first_name", "Bob")));

        JsonPath profile = awaitProfile(ws, "bob@example.com", p -> "Bob".equals(p.getString("traits.first_name")));

        assertThat(profile.getInt("traits.orders_count")).isEqualTo(1);
        assertThat(new BigDecimal(profile.getString("traits.total_spent"))).isEqualByComparingTo("10.00");
        assertThat(profile.getLong("version")).isEqualTo(2);
        List<ProfileChanged> published = await().atMost(PATIENCE).until(() -> published(profileId), p -> p.size() == 3);
        assertThat(published).extracting(ProfileChanged::version).containsExactly(1L, 1L, 2L);
        assertThat(published.get(1)).isEqualTo(published.get(0));
    }

    @Test
    void events_delivered_together_fold_in_order_and_publish_each_profiles_last_snapshot() {
        String ws = newWorkspace();
        Identities ida = Identities.of(null, null, "ida@example.com");
        CustomerEvent ordered = Events.track(ws, ida, EventNames.ORDER_COMPLETED, order("2101", "20.00"), Instant.parse("2025-02-01T10:00:00Z"));
        // One producer sends them back to back, so the consumer mostly takes them in one batch, duplicate included.
        EventBatch.send(List.of(Events.identify(ws, ida, Map.of("first_name", "Ida")), ordered, ordered,
                Events.track(ws, ida, EventNames.ORDER_COMPLETED, order("2102", "5.50"), Instant.parse("2025-02-03T10:00:00Z"))));

        JsonPath profile = awaitProfile(ws, "ida@example.com", p -> p.getLong("version") == 3);

        assertThat(profile.getInt("traits.orders_count")).isEqualTo(2);
        assertThat(new BigDecimal(profile.getString("traits.total_spent"))).isEqualByComparingTo("25.50");
        assertThat(profile.getString("traits.first_name")).isEqualTo("Ida");
        String profileId = profile.getString("id");
        List<ProfileChanged> published = await().atMost(PATIENCE).until(() -> published(profileId),
                p -> !p.isEmpty() && p.get(p.size() - 1).version() == 3);
        // However the events were split into batches, versions only rise and the last one is the whole profile.
        assertThat(published).extracting(ProfileChanged::version).isSorted();
        assertThat(published.get(published.size() - 1).traits()).containsEntry("orders_count", 2).containsEntry("first_name", "Ida");
    }

    @Test
    void an_event_the_database_refuses_is_dead_lettered_and_the_rest_of_its_batch_still_folds() {
        String ws = newWorkspace();
        // PostgreSQL refuses a NUL character in jsonb: a permanent failure of that event alone.
        CustomerEvent refused = Events.identify(ws, Identities.of(null, null, "nul@example.com"), Map.of("first_name", "N\u0000L"));
        EventBatch.send(List.of(Events.identify(ws, Identities.of(null, null, "amy@example.com"), Map.of("first_name", "Amy")),
                refused, Events.identify(ws, Identities.of(null, null, "ben@example.com"), Map.of("first_name", "Ben"))));

        awaitProfile(ws, "amy@example.com", p -> "Amy".equals(p.getString("traits.first_name")));
        awaitProfile(ws, "ben@example.com", p -> "Ben".equals(p.getString("traits.first_name")));
        var dead = CrmTestInfra.kafka().await("crm.dlq.v1", r -> r.value().contains(refused.id()), PATIENCE);
        assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).queryParam("email", "nul@example.com").get("/v1/profiles")
                .then().statusCode(404);
    }

    /** The snapshots published for the profile, in order. */
    static List<ProfileChanged> published(String profileId) {
        return CrmTestInfra.kafka().all(Topics.PROFILES).stream()
                .filter(r -> profileId.equals(r.key())).map(r -> Json.read(r.value(), ProfileChanged.class)).toList();
    }

    @Test
    void one_order_reported_under_two_event_ids_counts_once() {
        String ws = newWorkspace();
        Identities ann = Identities.of(null, null, "ann@example.com");
        Instant at = Instant.parse("2025-05-05T10:00:00Z");
        Events.send(Events.track(ws, ann, EventNames.ORDER_COMPLETED, order("3001", "25.00"), at));
        Events.send(Events.track(ws, ann, EventNames.ORDER_COMPLETED, order("3001", "25.00"), at));
        Events.send(Events.identify(ws, ann, Map.of("first_name", "Ann")));

        JsonPath profile = awaitProfile(ws, "ann@example.com", p -> "Ann".equals(p.getString("traits.first_name")));

        assertThat(profile.getInt("traits.orders_count")).isEqualTo(1);
        assertThat(new BigDecimal(profile.getString("traits.total_spent"))).isEqualByComparingTo("25.00");
    }

    @Test
    void two_orders_folded_out_of_order_give_the_right_first_and_last_dates() {
        String ws = newWorkspace();
        Identities max = Identities.of(null, null, "max@example.com");
        Events.send(Events.track(ws, max, EventNames.ORDER_COMPLETED, order("4002", "30.00"), Instant.parse("2025-03-20T12:00:00Z")));
        Events.send(Events.track(ws, max, EventNames.ORDER_COMPLETED, order("4001", "12.50"), Instant.parse("2025-01-15T08:00:00Z")));

        JsonPath profile = awaitProfile(ws, "max@example.com", p -> p.getInt("traits.orders_count") == 2);

        assertThat(profile.getString("traits.first_order_date")).isEqualTo("2025-01-15T08:00:00Z");
        assertThat(profile.getString("traits.last_order_date")).isEqualTo("2025-03-20T12:00:00Z");
        assertThat(new BigDecimal(profile.getString("traits.total_spent"))).isEqualByComparingTo("42.50");
        assertThat(new BigDecimal(profile.getString("traits.average_basket"))).isEqualByComparingTo("21.25");
    }

    @Test
    void an_anonymous_visitor_who_identifies_becomes_one_profile() {
        String ws = newWorkspace();
        String anonymousId = "anon-" + UUID.randomUUID();
        Events.send(Events.page(ws, Identities.of(null, anonymousId, null)));
        String anonymousProfile = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            var r = given().auth().oauth2(CrmTestInfra.apiToken(ws)).queryParam("anonymousId", anonymousId).get("/v1/profiles");
            return r.statusCode() == 200 ? r.jsonPath().getString("id") : null;
        }, id -> id != null);

        Events.send(Events.identify(ws, Identities.of(null, anonymousId, "zoe@example.com"), Map.of("first_name", "Zoe")));
        JsonPath profile = awaitProfile(ws, "zoe@example.com", p -> "Zoe".equals(p.getString("traits.first_name")));

        assertThat(profile.getString("id")).isEqualTo(anonymousProfile);
        assertThat(profile.getList("identities.anonymousId")).containsExactly(anonymousId);
        assertThat(profile.getList("identities.email")).containsExactly("zoe@example.com");
        assertThat(profile.getLong("version")).isEqualTo(2);
    }

    @Test
    void emails_sent_by_journeys_are_counted() {
        String ws = newWorkspace();
        Identities eve = Identities.of(null, null, "eve@example.com");
        Events.send(Events.identify(ws, eve, Map.of()));
        String profileId = awaitProfile(ws, "eve@example.com", p -> true).getString("id");
        // Journeys name the profile itself beside the email.
        Identities declared = new Identities(null, null, "eve@example.com", null, null, null, null, null, profileId);
        Events.send(Events.track(ws, declared, "Message Sent", Map.of("channel", "email", "message_id", "run-1:step-1"), Instant.now()));
        Events.send(Events.track(ws, declared, "Message Sent", Map.of("channel", "sms", "message_id", "run-1:step-2"), Instant.now()));

        JsonPath profile = awaitProfile(ws, "eve@example.com", p -> p.getLong("version") == 3);

        assertThat(profile.getString("id")).isEqualTo(profileId);
        assertThat(profile.getInt("traits.emails_sent")).isEqualTo(1);
    }

    @Test
    void a_database_failure_is_retried_until_it_passes_and_never_dead_letters_the_event() throws Exception {
        String ws = newWorkspace();
        Identities lou = Identities.of(null, null, "lou@example.com");
        CustomerEvent ordered = Events.track(ws, lou, EventNames.ORDER_COMPLETED, order("5001", "15.00"), Instant.now());
        double retriesBefore = meters.counter("crm.profile.fold.retries").count();
        // Only "Order Completed" events touch the orders table: other tests' events still fold meanwhile.
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("alter table orders rename to orders_away");
            try {
                Events.send(ordered);
                await().atMost(PATIENCE).until(() -> meters.counter("crm.profile.fold.retries").count() > retriesBefore);
            } finally {
                s.execute("alter table orders_away rename to orders");
            }
        }

        JsonPath profile = awaitProfile(ws, "lou@example.com", p -> p.getInt("traits.orders_count") == 1);

        assertThat(new BigDecimal(profile.getString("traits.total_spent"))).isEqualByComparingTo("15.00");
        assertThat(CrmTestInfra.kafka().all("crm.dlq.v1")).noneMatch(r -> r.value().contains(ordered.id()));
    }

    @Test
    void an_unparseable_message_is_dead_lettered_and_does_not_block_later_events() {
        String ws = newWorkspace();
        Identities kim = Identities.of(null, null, "kim@example.com");
        String key = ws + ":e:kim@example.com";
        String garbage = "{this is not an event " + UUID.randomUUID();
        CrmTestInfra.kafka().send(Topics.EVENTS, key, garbage);
        CrmTestInfra.kafka().send(Topics.EVENTS, key, "{\"id\":\"no-workspace\",\"type\":\"track\"}");
        Events.send(Events.identify(ws, kim, Map.of("first_name", "Kim")));

        JsonPath profile = awaitProfile(ws, "kim@example.com", p -> "Kim".equals(p.getString("traits.first_name")));
        assertThat(profile.getLong("version")).isEqualTo(1);

        var dead = CrmTestInfra.kafka().await("crm.dlq.v1", r -> garbage.equals(r.value()), PATIENCE);
        assertThat(dead.key()).isEqualTo(key);
        var reason = dead.headers().lastHeader("dead-letter-reason");
        assertThat(reason).isNotNull();
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("CustomerEvent");
    }
}
