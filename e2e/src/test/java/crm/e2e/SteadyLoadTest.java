package crm.e2e;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The fault test's load generator against a stand-in ingest: it retries as an SDK does and counts only what was acked. */
class SteadyLoadTest {
    private static final List<SteadyLoad.Customer> CUSTOMERS = List.of(
            new SteadyLoad.Customer("u-1", "one@example.com", true), new SteadyLoad.Customer("u-2", "two@example.com", false));

    private HttpServer server;
    private final List<String> bodies = java.util.Collections.synchronizedList(new ArrayList<>());

    /** A stand-in for ingest's /v1/batch answering the given statuses in turn, then the last one for ever. */
    private String ingestAnswering(int... statuses) throws IOException {
        AtomicInteger calls = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/batch", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = statuses[Math.min(calls.getAndIncrement(), statuses.length - 1)];
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    void a_batch_refused_with_503_or_429_is_sent_again_with_the_same_message_ids_and_counted_once_acked() throws Exception {
        // One batch a second: the first is retried (100 ms, then 200 ms later) well before the next one is made.
        SteadyLoad load = new SteadyLoad(ingestAnswering(503, 429, 200), "key", CUSTOMERS, 5, 5, 1L);
        load.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> load.batchesAcked() >= 1);
        load.stopAndDrain(Duration.ofSeconds(30));

        assertThat(new java.util.HashSet<>(bodies)).as("a retry sends the same body, so the same messageIds").hasSize(load.batchesSent());
        assertThat(bodies).as("two refusals, two retries").hasSizeGreaterThanOrEqualTo(load.batchesSent() + 2);
        assertThat(load.batchesAcked()).isEqualTo(load.batchesSent());
        assertThat(load.ackedEvents()).isEqualTo(5 * load.batchesSent());
        int views = 0, orders = 0;
        for (SteadyLoad.Customer c : CUSTOMERS) {
            views += load.acked(c).views.get();
            orders += load.acked(c).orders.get();
        }
        assertThat(views + orders).isEqualTo(load.ackedEvents());
        assertThat(load.acked(CUSTOMERS.get(1)).orders.get()).as("only buyers order").isZero();
        assertThat(load.answers()).containsKeys("503", "429");
        assertThat(load.unexpectedAnswers()).isEmpty();
    }

    @Test
    void a_batch_refused_with_a_4xx_is_dropped_as_an_sdk_drops_it_and_reported() throws Exception {
        SteadyLoad load = new SteadyLoad(ingestAnswering(400), "key", CUSTOMERS, 1000, 5, 1L);
        load.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> load.batchesSent() >= 1);
        load.stopAndDrain(Duration.ofSeconds(30));

        assertThat(load.batchesAbandoned()).isEqualTo(load.batchesSent());
        assertThat(load.ackedEvents()).isZero();
        assertThat(load.unexpectedAnswers()).isNotEmpty().allMatch(a -> a.startsWith("400"));
    }
}
