package crm.journey.runs;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;
import crm.events.Json;
import crm.events.Topics;
import crm.journey.JourneyScenarios;
import crm.journey.TestClock;
import crm.journey.contacts.ContactRepository;
import crm.journey.journeys.JourneyTemplates;
import crm.journey.runtime.Database;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static crm.journey.JourneyScenarios.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Customer events and profile snapshots are consumed in batches, one transaction each: a message that cannot be read,
 * or whose data the database refuses, is dead-lettered alone and the rest of its batch still takes effect.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class BatchedConsumptionTest {
    private final JourneyScenarios ws = JourneyScenarios.ofNewWorkspace();

    @Inject
    Database database;
    @Inject
    ContactRepository contacts;

    @Test
    void a_bad_profile_message_in_a_batch_is_dead_lettered_and_the_snapshots_around_it_are_kept() {
        String key = "batch-" + UUID.randomUUID();
        String garbage = "{not a profile " + UUID.randomUUID();
        // One key, one partition: sent back to back, they reach the consumer together.
        ws.profileKeyed(key, "p-before", 1, Map.of("email", JourneyScenarios.email("before")));
        CrmTestInfra.kafka().send(Topics.PROFILES, key, garbage);
        ws.profileKeyed(key, "p-after", 1, Map.of("email", JourneyScenarios.email("after")));

        assertThat(deadLettered(garbage).headers().lastHeader("dead-letter-reason")).isNotNull();
        await().atMost(PATIENCE).until(() -> contact("p-before") && contact("p-after"));
    }

    @Test
    void lost_checkouts_in_one_batch_start_their_runs_around_a_garbled_event_and_one_the_database_refuses() {
        String journey = ws.activateTemplate(JourneyTemplates.LOST_CHECKOUT);
        String first = JourneyScenarios.email("first");
        String second = JourneyScenarios.email("second");
        ws.profile("p-first", 1, Map.of("email", first));
        ws.profile("p-second", 1, Map.of("email", second));
        await().atMost(PATIENCE).until(() -> contact("p-first") && contact("p-second"));

        String key = "batch-" + UUID.randomUUID();
        String garbage = "{not an event " + UUID.randomUUID();
        String refusedId = "nul\u0000" + UUID.randomUUID(); // PostgreSQL refuses a NUL in text: the event's own defect
        send(key, checkoutStarted(UUID.randomUUID().toString(), first));
        CrmTestInfra.kafka().send(Topics.EVENTS, key, garbage);
        CustomerEvent refused = checkoutStarted(refusedId, second);
        send(key, refused);
        send(key, checkoutStarted(UUID.randomUUID().toString(), second));

        assertThat(deadLettered(garbage).headers().lastHeader("dead-letter-reason")).isNotNull();
        assertThat(deadLettered(Json.write(refused)).headers().lastHeader("dead-letter-reason")).isNotNull();
        ws.awaitRun("p-first", journey);
        ws.awaitRun("p-second", journey);
    }

    private CustomerEvent checkoutStarted(String id, String email) {
        return new CustomerEvent(id, ws.workspaceId(), EventType.TRACK, "Checkout Started", Identities.of(null, null, email),
                null, Map.of("checkout_id", "co-" + email, "checkout_url", "https://shop.example/c/" + email),
                null, TestClock.now(), TestClock.now(), "api", null);
    }

    private static void send(String key, CustomerEvent event) {
        CrmTestInfra.kafka().send(Topics.EVENTS, key, Json.write(event));
    }

    private static ConsumerRecord<String, String> deadLettered(String value) {
        return CrmTestInfra.kafka().await("crm.dlq.v1", r -> value.equals(r.value()), PATIENCE);
    }

    private boolean contact(String profileId) {
        return database.read(c -> contacts.find(c, ws.workspaceId(), profileId)).isPresent();
    }
}
