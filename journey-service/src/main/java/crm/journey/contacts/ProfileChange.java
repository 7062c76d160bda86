package crm.journey.contacts;

import crm.events.ProfileMessage;

import java.sql.Connection;

/**
 * A message of crm.profiles.v1, fired (CDI, synchronously) inside the transaction that updates the contact, so other
 * features of this service (runs: merge moves them, erase cancels them) act on it atomically with
 * {@code @Observes ProfileChange}, without a second consumer of the same topic in the same consumer group.
 */
public record ProfileChange(Connection connection, ProfileMessage message) {
}
