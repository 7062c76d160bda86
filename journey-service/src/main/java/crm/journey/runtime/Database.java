package crm.journey.runtime;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Plain JDBC transactions on the service's datasource. */
@ApplicationScoped
public class Database {
    private static final Logger LOG = Logger.getLogger(Database.class);

    @Inject
    DataSource dataSource;

    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** What the transaction running on this thread does once committed (null outside {@link #inTransaction}). */
    private final ThreadLocal<List<Runnable>> onCommit = new ThreadLocal<>();

    /**
     * Runs the work in one transaction: committed when it returns, rolled back when it throws. Then, only if it
     * committed, the actions the work registered with {@link #afterCommit}.
     */
    public <T> T inTransaction(Work<T> work) {
        List<Runnable> outer = onCommit.get();
        List<Runnable> actions = new ArrayList<>();
        onCommit.set(actions);
        T result;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                result = work.apply(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailable(e);
        } finally {
            onCommit.set(outer);
        }
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // What was committed stays committed; the caller must not retry it because of a follow-up.
                LOG.warnf("an action after a commit failed: %s", e.toString());
            }
        }
        return result;
    }

    /**
     * Runs the action once the transaction running on this thread ({@link #inTransaction}) commits, never if it rolls
     * back: what it wrote is visible to others only then. Outside such a transaction it runs at once.
     */
    public void afterCommit(Runnable action) {
        List<Runnable> actions = onCommit.get();
        if (actions == null) action.run();
        else actions.add(action);
    }

    /** Runs the work with auto-commit, for reads and single statements. */
    public <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new DatabaseUnavailable(e);
        }
    }

    /**
     * Runs the work in a transaction until it commits, waiting longer after each database failure (up to 30 s). For
     * consumers: a valid message must wait for the database to come back, never be dropped or dead-lettered.
     *
     * @throws InterruptedException when the service stops while waiting; the message stays unacknowledged
     */
    public <T> T inTransactionUntilCommitted(Work<T> work) throws InterruptedException {
        Duration wait = Duration.ofMillis(100);
        while (true) {
            try {
                return inTransaction(work);
            } catch (DatabaseUnavailable e) {
                if (e.isDataDefect()) throw e;
                LOG.warnf("database failure, retrying in %d ms: %s", wait.toMillis(), e.getCause().getMessage());
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : wait.multipliedBy(2);
            }
        }
    }

    /**
     * The end of every consumer: runs the message's work until it commits, then acknowledges the message. A message
     * whose data the database refuses is nacked (dead-lettered); one interrupted by a stop stays unacknowledged, so it
     * is delivered again.
     */
    public CompletionStage<Void> commitThenAck(Message<?> message, Work<?> work) {
        try {
            inTransactionUntilCommitted(work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CompletableFuture<>();
        } catch (DatabaseUnavailable e) {
            return message.nack(e);
        }
        return message.ack();
    }

    /** The work of one message of a batch, in the batch's transaction. */
    @FunctionalInterface
    public interface ItemWork<T> {
        void apply(Connection connection, T item) throws SQLException;
    }

    /**
     * The end of every batch consumer: the messages {@code parse} reads are worked in one transaction, in their order,
     * until it commits; then the batch is acknowledged. One transaction per batch rather than per message is what
     * lets a consumer keep up with a busy topic. A message {@code parse} refuses is dead-lettered, and so is one whose
     * work fails for a reason of its own (data the database refuses, a bug): the batch is then committed one message
     * at a time to find it, so the others go through. One interrupted by a stop stays unacknowledged.
     */
    public <T> CompletionStage<Void> commitThenAck(KafkaRecordBatch<String, String> batch, Function<String, T> parse,
                                                   ItemWork<T> work) {
        Map<KafkaRecord<String, String>, Throwable> dead = new IdentityHashMap<>();
        List<Delivery<T>> valid = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                valid.add(new Delivery<>(record, parse.apply(record.getPayload())));
            } catch (RuntimeException e) {
                dead.put(record, e);
            }
        }
        try {
            commitAll(valid, work, dead);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CompletableFuture<>();
        }
        // Dead-lettering commits a record's offset, so it waits until everything before it is committed (above).
        List<CompletableFuture<Void>> settled = new ArrayList<>();
        dead.forEach((record, reason) -> {
            LOG.warnf("dead-lettering a message of %s: %s", record.getTopic(), reason.toString());
            settled.add(record.nack(reason).toCompletableFuture());
        });
        // The connector commits a batch by its last record of each partition.
        for (KafkaRecord<String, String> last : batch.getLatestOffsetRecords().values()) {
            if (!dead.containsKey(last)) settled.add(last.ack().toCompletableFuture());
        }
        return CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new));
    }

    private record Delivery<T>(KafkaRecord<String, String> record, T item) {
    }

    private <T> void commitAll(List<Delivery<T>> deliveries, ItemWork<T> work,
                               Map<KafkaRecord<String, String>, Throwable> dead) throws InterruptedException {
        if (deliveries.isEmpty()) return;
        try {
            inTransactionUntilCommitted(c -> {
                for (Delivery<T> d : deliveries) work.apply(c, d.item());
                return null;
            });
        } catch (RuntimeException e) { // not a passing database failure: those are retried above
            if (deliveries.size() == 1) {
                dead.put(deliveries.get(0).record(), e);
                return;
            }
            for (Delivery<T> one : deliveries) commitAll(List.of(one), work, dead);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    /** PostgreSQL keeps microseconds: values are truncated to them so what is written compares equal when read back. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    public static Instant instant(java.sql.ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** A database failure: transient as far as callers know, so work is retried rather than dropped. */
    public static class DatabaseUnavailable extends RuntimeException {
        public DatabaseUnavailable(SQLException cause) {
            super(cause.getMessage(), cause);
        }

        /**
         * Whether the data itself was refused (SQLSTATE class 22, for example a NUL character in a text; class 54, a
         * value too long for its index row): retrying cannot help, the message that carried it is defective.
         */
        public boolean isDataDefect() {
            String state = ((SQLException) getCause()).getSQLState();
            return state != null && (state.startsWith("22") || state.startsWith("54"));
        }
    }

}
