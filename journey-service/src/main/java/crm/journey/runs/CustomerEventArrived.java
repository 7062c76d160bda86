package crm.journey.runs;

import crm.events.CustomerEvent;

import java.sql.Connection;

/**
 * A customer event of crm.events.v1 seen for the first time, fired (CDI, synchronously) inside the transaction in which
 * {@link EventConsumer} acts on it for runs (triggers, exits, waits, goals). Other features of this service (message
 * feedback, attribution) observe it with {@code @Observes CustomerEventArrived} and write in the same transaction,
 * rather than a second consumer of the same topic in the same consumer group.
 */
public record CustomerEventArrived(Connection connection, CustomerEvent event) {
}
