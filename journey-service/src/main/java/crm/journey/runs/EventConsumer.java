package crm.journey.runs;

import crm.events.CustomerEvent;
import crm.events.Json;
import crm.journey.runtime.Database;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.concurrent.CompletionStage;

/**
 * Customer events (crm.events.v1, group journey-service): start event-triggered runs, end runs on their exit
 * criteria, wake runs waiting for an event, mark conversions; then tell the other features ({@link CustomerEventArrived}),
 * in one transaction per batch, once per event id. A malformed message is dead-lettered; a valid one waits for the
 * database.
 */
@ApplicationScoped
public class EventConsumer {
    @Inject
    Database database;
    @Inject
    RunRepository runs;
    @Inject
    RunEvents runEvents;
    @Inject
    InstantSource clock;
    @Inject
    Event<CustomerEventArrived> arrivals;

    @Incoming("events")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return database.commitThenAck(batch, payload -> Json.read(payload, CustomerEvent.class), this::handle);
    }

    /** Returns whether the event was new. */
    boolean handle(Connection c, CustomerEvent event) throws SQLException {
        if (!runs.markTriggerProcessed(c, event.workspaceId(), "event:" + event.id(), clock.instant())) return false;
        runEvents.apply(c, event, clock.instant());
        arrivals.fire(new CustomerEventArrived(c, event));
        return true;
    }
}
