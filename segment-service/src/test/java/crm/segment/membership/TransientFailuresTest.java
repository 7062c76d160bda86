package crm.segment.membership;

import crm.segment.DatabaseFailure;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailuresTest {

    private static DatabaseFailure failure(String sqlState) {
        return new DatabaseFailure("testing", new SQLException("boom", sqlState));
    }

    @Test
    void lost_connections_deadlocks_and_restarts_pass() {
        assertThat(TransientFailures.isTransient(failure("08006"))).isTrue(); // connection failure
        assertThat(TransientFailures.isTransient(failure("40001"))).isTrue(); // serialization failure
        assertThat(TransientFailures.isTransient(failure("40P01"))).isTrue(); // deadlock
        assertThat(TransientFailures.isTransient(failure("53300"))).isTrue(); // too many connections
        assertThat(TransientFailures.isTransient(failure("57P01"))).isTrue(); // admin shutdown
        assertThat(TransientFailures.isTransient(failure("55P03"))).isTrue(); // lock not available
    }

    @Test
    void an_exhausted_pool_passes() {
        assertThat(TransientFailures.isTransient(new DatabaseFailure("testing", new SQLException("Acquisition timeout")))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLTransientConnectionException("x", "XX000")))).isTrue();
    }

    @Test
    void bad_data_and_bugs_do_not_pass() {
        assertThat(TransientFailures.isTransient(failure("22P05"))).isFalse(); // untranslatable character
        assertThat(TransientFailures.isTransient(failure("23505"))).isFalse(); // unique violation
        assertThat(TransientFailures.isTransient(failure("42P01"))).isFalse(); // undefined table
        assertThat(TransientFailures.isTransient(new IllegalStateException("bug"))).isFalse();
    }
}
