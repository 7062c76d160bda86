package crm.journey.sends;

import crm.events.Topics;
import crm.journey.runtime.Database;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker that stops while it holds sends. Its claims are made "in the near future" (due in 2 s), so the service's own
 * scheduled worker cannot take the send before this test does, and takes it up once the stopped worker's lease expires.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class SendLeaseTest {
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Database database;
    @Inject
    WelcomeBacklog backlog;
    @Inject
    SendRepository sends;

    private ClaimedSend claimedByAWorkerThatStops(String ws, Map<String, Object> profile) {
        Instant due = Instant.now().plusSeconds(2);
        backlog.startAt(ws, Map.of("p-1", profile), due);
        List<ClaimedSend> claimed = sends.claim(due, due.plusMillis(500), 1000);
        return claimed.stream().filter(s -> s.workspaceId().equals(ws)).findFirst().orElseThrow();
    }

    private String statusOf(String idempotencyKey) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select status, attempts, published_at is not null from sends where idempotency_key = ?")) {
                ps.setString(1, idempotencyKey);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1) + "/" + rs.getInt(2) + (rs.getBoolean(3) ? "/published" : "");
                }
            }
        });
    }

    @Test
    void a_send_whose_worker_stopped_is_delivered_after_its_lease_and_the_stopped_worker_cannot_finish_it() {
        String ws = "ws-" + UUID.randomUUID();
        String email = "lease-" + UUID.randomUUID() + "@example.com";
        ClaimedSend stale = claimedByAWorkerThatStops(ws, Map.of("email", email));
        assertThat(stale.status()).isEqualTo(SendStatus.sending);
        assertThat(stale.attempts()).isEqualTo(1);

        await().atMost(PATIENCE).until(() -> statusOf(stale.idempotencyKey()).equals("sent/2/published"));
        assertThat(CrmTestInfra.smtp().receivedBy(email)).hasSize(1);

        boolean finished = database.inTransaction(c -> sends.finish(c, stale, SendStatus.sent, null, Instant.now()));
        assertThat(finished).isFalse();
        assertThat(sends.retryLater(stale, "late", Instant.now())).isFalse();
        assertThat(statusOf(stale.idempotencyKey())).isEqualTo("sent/2/published");
    }

    @Test
    void a_finished_send_whose_event_was_not_published_is_published_after_its_lease() {
        String ws = "ws-" + UUID.randomUUID();
        ClaimedSend claimed = claimedByAWorkerThatStops(ws, Map.of("first_name", "NoMail"));
        // The worker records the outcome, then stops before publishing the message event.
        boolean finished = database.inTransaction(c -> sends.finish(c, claimed, SendStatus.skipped, "no email address in the profile", Instant.now()));
        assertThat(finished).isTrue();
        assertThat(statusOf(claimed.idempotencyKey())).isEqualTo("skipped/1");

        CrmTestInfra.kafka().await(Topics.EVENTS,
                r -> r.value() != null && r.value().contains("\"" + claimed.idempotencyKey() + ":skipped\""), PATIENCE);
        await().atMost(PATIENCE).until(() -> statusOf(claimed.idempotencyKey()).equals("skipped/1/published"));
    }
}
