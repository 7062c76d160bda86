package crm.segment.membership;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a database failure that will pass (connection lost, pool exhausted, deadlock, server restarting) from one
 * that a retry cannot fix. A valid message failing transiently is retried, never dead-lettered.
 */
public final class TransientFailures {
    /** PostgreSQL SQLSTATE classes: connection, transaction rollback, resources, operator intervention, system error. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");
    /** lock_not_available, object_in_use. */
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "55006");

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) return true;
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // No state: the pool could not hand out a connection (acquisition timeout), which passes.
                if (state == null) return true;
                if (TRANSIENT_STATES.contains(state)) return true;
                if (state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2))) return true;
            }
            if (t.getCause() == t) break;
        }
        return false;
    }
}
