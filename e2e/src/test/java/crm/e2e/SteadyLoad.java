package crm.e2e;

import crm.events.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store's traffic at a steady pace through ingest's {@code /v1/batch}, sent as a Segment SDK does: each batch is
 * retried with the same body (so the same messageIds) after a 503, a 429, a 5xx, a timeout or a refused connection,
 * until ingest acknowledges it. It keeps what was acknowledged per customer, which is what the profiles must show.
 *
 * <p>Events: "Product Viewed" for every customer, "Order Completed" (a new order id each) for buyers only. Each
 * carries the customer's email in {@code context.traits}, so all of a customer's events share one partition key.
 */
final class SteadyLoad {
    record Customer(String userId, String email, boolean buyer) {
    }

    /** What ingest acknowledged of one customer. */
    static final class Acked {
        final AtomicInteger views = new AtomicInteger();
        final AtomicInteger orders = new AtomicInteger();
        final Set<String> messageIds = ConcurrentHashMap.newKeySet();
    }

    private record Event(Customer customer, String messageId, boolean order, Map<String, Object> body) {
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final long MAX_BACKOFF_MILLIS = 2_000;

    private final String batchUrl;
    private final String authorization;
    private final List<Customer> customers;
    private final int batchSize;
    private final long periodMillis;
    private final Random random;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(daemon("load-pacer"));
    // A few senders, as a few SDK instances; a refused batch is tried again later, scheduled, not slept on.
    private final ExecutorService senders = Executors.newFixedThreadPool(8, daemon("load-sender"));
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(daemon("load-retry"));
    private final AtomicBoolean giveUp = new AtomicBoolean();
    /** Batches made and neither acknowledged nor abandoned yet. */
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicLong orderNumbers = new AtomicLong();

    private final Map<String, Acked> acked = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger batchesSent = new AtomicInteger();
    private final AtomicInteger batchesAcked = new AtomicInteger();
    private final AtomicInteger batchesAbandoned = new AtomicInteger();

    SteadyLoad(String ingestUrl, String writeKey, List<Customer> customers, int eventsPerSecond, int batchSize, long seed) {
        this.batchUrl = ingestUrl + "/v1/batch";
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        this.customers = List.copyOf(customers);
        this.batchSize = batchSize;
        this.periodMillis = Math.max(1, 1000L * batchSize / eventsPerSecond);
        this.random = new Random(seed);
        for (Customer c : customers) acked.put(c.userId(), new Acked());
    }

    void start() {
        pacer.scheduleAtFixedRate(this::sendOneBatch, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops making new batches and waits until every batch made so far is acknowledged; after the deadline the
     * remaining ones are abandoned (counted, so a test can say that ingest never recovered).
     */
    void stopAndDrain(Duration deadline) throws InterruptedException {
        pacer.shutdown();
        pacer.awaitTermination(10, TimeUnit.SECONDS);
        if (!drained(deadline)) {
            giveUp.set(true);
            // Attempts under way end within their request timeout; scheduled ones abandon when they come up.
            drained(REQUEST_TIMEOUT.plusMillis(MAX_BACKOFF_MILLIS).plusSeconds(5));
        }
        retries.shutdownNow();
        senders.shutdownNow();
    }

    private boolean drained(Duration deadline) {
        try {
            org.awaitility.Awaitility.await().atMost(deadline).pollInterval(Duration.ofMillis(100))
                    .until(() -> outstanding.get() == 0);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    /** How many batches the pacer makes in that time. */
    int batchesIn(Duration d) {
        return (int) Math.max(1, d.toMillis() / periodMillis);
    }

    /** The pacer thread alone draws from the seeded random, so a seed names one sequence of events. */
    private void sendOneBatch() {
        List<Event> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) batch.add(nextEvent());
        batchesSent.incrementAndGet();
        outstanding.incrementAndGet();
        byte[] json = Json.write(Map.of("batch", batch.stream().map(Event::body).toList())).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(batchUrl)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        senders.execute(() -> deliver(batch, request, 100));
    }

    private Event nextEvent() {
        Customer c = customers.get(random.nextInt(customers.size()));
        boolean order = c.buyer() && random.nextInt(4) == 0;
        String messageId = "load-" + UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "track");
        body.put("messageId", messageId);
        body.put("userId", c.userId());
        body.put("context", Map.of("traits", Map.of("email", c.email())));
        if (order) {
            body.put("event", "Order Completed");
            body.put("properties", Map.of("order_id", "o-" + orderNumbers.incrementAndGet(),
                    "total", 10 + random.nextInt(90), "currency", "EUR"));
        } else {
            body.put("event", "Product Viewed");
            body.put("properties", Map.of("product_id", "p-" + random.nextInt(50), "category", "c-" + random.nextInt(5)));
        }
        return new Event(c, messageId, order, body);
    }

    /**
     * One attempt to deliver the batch; unless acknowledged or refused for good, the same request (same messageIds) is
     * tried again after an SDK's backoff, doubling and capped.
     */
    private void deliver(List<Event> batch, HttpRequest request, long backoff) {
        if (giveUp.get()) {
            finish(batchesAbandoned);
            return;
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            count(String.valueOf(status));
            if (status / 100 == 2) {
                for (Event e : batch) {
                    Acked a = acked.get(e.customer().userId());
                    a.messageIds.add(e.messageId());
                    (e.order() ? a.orders : a.views).incrementAndGet();
                }
                finish(batchesAcked);
                return;
            }
            if (status != 503 && status != 429) {
                unexpected.add(status + " " + response.body());
                // A 4xx other than 429 is final for an SDK: the batch is dropped, as it would be.
                if (status / 100 == 4) {
                    finish(batchesAbandoned);
                    return;
                }
            }
        } catch (IOException e) {
            count(e instanceof java.net.http.HttpTimeoutException ? "timeout" : "no connection");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(batchesAbandoned);
            return;
        }
        long next = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        retries.schedule(() -> senders.execute(() -> deliver(batch, request, next)), backoff, TimeUnit.MILLISECONDS);
    }

    private void finish(AtomicInteger outcome) {
        outcome.incrementAndGet();
        outstanding.decrementAndGet();
    }

    private void count(String answer) {
        answers.computeIfAbsent(answer, k -> new AtomicInteger()).incrementAndGet();
    }

    Acked acked(Customer c) {
        return acked.get(c.userId());
    }

    int ackedEvents() {
        return acked.values().stream().mapToInt(a -> a.messageIds.size()).sum();
    }

    /** Answers by status code ("200", "503", ...), plus "timeout" and "no connection". */
    Map<String, Integer> answers() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        answers.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Answers no SDK should ever get for a valid batch: anything but 2xx, 429 and 503. */
    List<String> unexpectedAnswers() {
        synchronized (unexpected) {
            return List.copyOf(unexpected);
        }
    }

    int batchesSent() {
        return batchesSent.get();
    }

    int batchesAcked() {
        return batchesAcked.get();
    }

    int batchesAbandoned() {
        return batchesAbandoned.get();
    }

    String summary() {
        return "batches sent " + batchesSent() + ", acked " + batchesAcked() + ", abandoned " + batchesAbandoned()
                + "; events acked " + ackedEvents() + "; answers " + answers() + " at " + Instant.now();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
