package crm.segment.outbox;

/** A message waiting to be published: written in the transaction that decided it, deleted once the broker acked. */
public record OutboxRow(String id, String topic, String key, String payload) {
}
