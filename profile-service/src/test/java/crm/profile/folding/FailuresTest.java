package crm.profile.folding;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailuresTest {

    @Test
    void data_postgres_refuses_is_permanent() {
        assertThat(Failures.isPermanent(new SQLException("unsupported Unicode escape sequence", "22P05"))).isTrue();
        assertThat(Failures.isPermanent(new RuntimeException(new IllegalArgumentException("bad")))).isTrue();
    }

    @Test
    void an_identity_too_long_for_its_index_is_permanent_so_it_never_blocks_the_partition() {
        // What PgJDBC throws for a 5 KB userId: "index row size 3464 exceeds btree version 4 maximum 2704".
        assertThat(Failures.isPermanent(new java.sql.BatchUpdateException("index row size exceeds maximum", "54000", new int[0]))).isTrue();
    }

    @Test
    void a_database_failure_is_described_without_the_values_postgres_quotes() {
        SQLException refused = new java.sql.BatchUpdateException("Batch entry 0 insert into identities values ('jane@example.com')",
                "54000", new int[0]);
        assertThat(Failures.describe(new RuntimeException(refused))).isEqualTo("java.sql.BatchUpdateException (SQLSTATE 54000)")
                .doesNotContain("jane@example.com");
    }

    @Test
    void database_down_lock_conflicts_and_identity_races_are_retried() {
        assertThat(Failures.isPermanent(new SQLTransientConnectionException("connection refused", "08001"))).isFalse();
        assertThat(Failures.isPermanent(new SQLException("could not serialize", "40001"))).isFalse();
        assertThat(Failures.isPermanent(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(Failures.isPermanent(new IllegalStateException("broker unavailable"))).isFalse();
    }

    @Test
    void backoff_doubles_up_to_its_ceiling() {
        assertThat(Failures.backoffMillis(1, 10_000)).isEqualTo(100);
        assertThat(Failures.backoffMillis(2, 10_000)).isEqualTo(200);
        assertThat(Failures.backoffMillis(5, 10_000)).isEqualTo(1_600);
        assertThat(Failures.backoffMillis(60, 10_000)).isEqualTo(10_000);
    }

    @Test
    void a_message_that_is_not_a_customer_event_is_refused_as_permanent() {
        assertThatThrownBy(() -> EventConsumer.parse("{not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventConsumer.parse("{\"id\":\"e1\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventConsumer.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
