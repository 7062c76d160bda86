package crm.segment;

import java.sql.SQLException;

/** A JDBC failure, unchecked; the SQLException stays the cause so retries can tell transient from permanent. */
public class DatabaseFailure extends RuntimeException {
    public DatabaseFailure(String doing, SQLException cause) {
        super("database failure while " + doing + ": " + cause.getMessage(), cause);
    }
}
