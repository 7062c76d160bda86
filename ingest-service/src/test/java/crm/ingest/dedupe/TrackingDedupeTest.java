package crm.ingest.dedupe;

import crm.ingest.Ingest;
import crm.ingest.MovableClock;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A messageId is published once per workspace: retries, concurrent calls (as two replicas would make) and batches. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class TrackingDedupeTest {
    @Inject
    InboundDedupe dedupe;
    @Inject
    MovableClock clock;
    @Inject
    DataSource dataSource;

    private Map<String, String> workspace;

    @BeforeEach
    void newWorkspace() {
        workspace = Ingest.createWorkspace("Dedupe " + UUID.randomUUID());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private int track(String messageId) {
        return given().header("Authorization", Ingest.basic(workspace.get("writeKey"))).contentType(ContentType.JSON)
                .body(Map.of("userId", "u", "event", "Order Completed", "messageId", messageId))
                .when().post("/v1/track")
                .then().extract().statusCode();
    }

    @Test
    void a_repeated_message_id_is_answered_200_and_published_once() {
        String id = UUID.randomUUID().toString();

        assertThat(track(id)).isEqualTo(200);
        assertThat(track(id)).isEqualTo(200);

        assertThat(Ingest.eventsWithId(id)).hasSize(1);
    }

    @Test
    void concurrent_calls_with_one_message_id_publish_it_once() throws Exception {
        String id = UUID.randomUUID().toString();
        int calls = 8;
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                answers.add(pool.submit((Callable<Integer>) () -> {
                    start.await();
                    return track(id);
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }

        assertThat(Ingest.eventsWithId(id)).hasSize(1);
    }

    @Test
    void the_same_message_id_in_another_workspace_is_another_event() {
        String id = UUID.randomUUID().toString();
        Map<String, String> other = Ingest.createWorkspace("Dedupe other " + UUID.randomUUID());

        assertThat(track(id)).isEqualTo(200);
        given().header("Authorization", Ingest.basic(other.get("writeKey"))).contentType(ContentType.JSON)
                .body(Map.of("userId", "u", "event", "Order Completed", "messageId", id))
                .when().post("/v1/track").then().statusCode(200);

        assertThat(Ingest.eventsWithId(id)).extracting(e -> e.workspaceId())
                .containsExactlyInAnyOrder(workspace.get("id"), other.get("id"));
    }

    @Test
    void a_batch_repeating_message_ids_seen_before_or_within_it_publishes_only_the_new_ones() {
        String seen = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        assertThat(track(seen)).isEqualTo(200);

        given().header("Authorization", Ingest.basic(workspace.get("writeKey"))).contentType(ContentType.JSON)
                .body(Map.of("batch", List.of(
                        Map.of("type", "track", "userId", "u", "event", "E", "messageId", seen),
                        Map.of("type", "track", "userId", "u", "event", "E", "messageId", fresh),
                        Map.of("type", "track", "userId", "u", "event", "E", "messageId", fresh))))
                .when().post("/v1/batch").then().statusCode(200);

        assertThat(Ingest.eventsWithId(seen)).hasSize(1);
        assertThat(Ingest.eventsWithId(fresh)).hasSize(1);
    }

    @Test
    void pruning_forgets_ids_older_than_the_retention_so_a_late_retry_is_a_new_event() throws Exception {
        String old = UUID.randomUUID().toString();
        assertThat(track(old)).isEqualTo(200);

        clock.advance(Duration.ofHours(47));
        dedupe.prune();
        assertThat(remembered(old)).isTrue();
        assertThat(track(old)).isEqualTo(200);
        assertThat(Ingest.eventsWithId(old)).hasSize(1);

        clock.advance(Duration.ofHours(2));
        dedupe.prune();
        assertThat(remembered(old)).isFalse();
        assertThat(track(old)).isEqualTo(200);
        assertThat(Ingest.eventsWithId(old)).hasSize(2);
    }

    private boolean remembered(String id) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select count(*) from inbound_dedupe where workspace_id = ? and source = 'api' and id = ?")) {
            s.setString(1, workspace.get("id"));
            s.setString(2, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1) == 1;
            }
        }
    }
}
