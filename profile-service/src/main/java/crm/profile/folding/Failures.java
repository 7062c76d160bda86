package crm.profile.folding;

import java.sql.SQLException;

/**
 * Which failures of a valid event are worth retrying. Only a failure the event itself causes (data PostgreSQL
 * refuses, such as a NUL character in a trait or an identity longer than an index row holds) is permanent and dead-lettered; anything else (database or broker
 * down, lock conflicts, a race on a new identity) is retried, because dead-lettering would lose a valid event.
 */
public final class Failures {
    private Failures() {
    }

    public static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException) return true;
            // SQLSTATE class 22: data exception (invalid text, out of range, unsupported Unicode escape...); class 54:
            // a program limit (an identity too long for its index row): the same event fails the same way forever.
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("54"))) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    /**
     * What a log line may tell of a failure: a database failure by its type and SQLSTATE only, because PostgreSQL's
     * messages carry the refused row's values (emails, phones); anything else as it is.
     */
    public static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) return sql.getClass().getName() + " (SQLSTATE " + sql.getSQLState() + ")";
            if (t.getCause() == t) break;
        }
        return String.valueOf(failure);
    }

    /** The pause before the given retry (1-based): doubling from 100 ms, at most {@code maxMillis}. */
    public static long backoffMillis(int attempt, long maxMillis) {
        long pause = 100L << Math.min(Math.max(attempt - 1, 0), 20);
        return Math.min(pause, maxMillis);
    }
}
