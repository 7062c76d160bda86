package crm.journey.runtime;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transaction rules, on a scripted datasource: what a consumer does when the database fails. */
class DatabaseTest {
    private final List<String> calls = new ArrayList<>();

    private Database databaseFailingConnections(int failures, String sqlState) {
        AtomicInteger left = new AtomicInteger(failures);
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    return null;
                });
        DataSource dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) throw new UnsupportedOperationException(method.getName());
                    if (left.getAndDecrement() > 0) throw new SQLException("connection refused", sqlState);
                    return connection;
                });
        Database database = new Database();
        database.dataSource = dataSource;
        return database;
    }

    @Test
    void work_is_committed_when_it_returns() {
        int result = databaseFailingConnections(0, null).inTransaction(c -> 42);
        assertThat(result).isEqualTo(42);
        assertThat(calls).containsExactly("setAutoCommit", "commit", "close");
    }

    @Test
    void work_is_rolled_back_when_it_throws() {
        Database database = databaseFailingConnections(0, null);
        assertThatThrownBy(() -> database.inTransaction(c -> {
            throw new SQLException("duplicate", "23505");
        })).isInstanceOf(Database.DatabaseUnavailable.class);
        assertThat(calls).containsExactly("setAutoCommit", "rollback", "close");
    }

    @Test
    void a_valid_message_waits_for_the_database_to_come_back_instead_of_being_dropped() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        Integer result = databaseFailingConnections(2, "08001").inTransactionUntilCommitted(c -> runs.incrementAndGet());
        assertThat(result).isEqualTo(1);
        assertThat(calls).containsExactly("setAutoCommit", "commit", "close");
    }

    @Test
    void data_the_database_refuses_is_not_retried() {
        Database database = databaseFailingConnections(0, null);
        assertThatThrownBy(() -> database.inTransactionUntilCommitted(c -> {
            throw new SQLException("invalid byte sequence", "22021");
        })).isInstanceOfSatisfying(Database.DatabaseUnavailable.class, e -> assertThat(e.isDataDefect()).isTrue());
    }

    @Test
    void a_value_too_long_for_its_index_is_a_data_defect_not_retried_forever() {
        assertThat(new Database.DatabaseUnavailable(new SQLException("index row size exceeds maximum", "54000")).isDataDefect()).isTrue();
    }

    @Test
    void connection_failures_are_transient() {
        assertThat(new Database.DatabaseUnavailable(new SQLException("down", "08006")).isDataDefect()).isFalse();
        assertThat(new Database.DatabaseUnavailable(new SQLException("no state")).isDataDefect()).isFalse();
    }
}
