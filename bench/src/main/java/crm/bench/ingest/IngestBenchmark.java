package crm.bench.ingest;

import crm.bench.Backlog;
import crm.bench.Benchmark;
import crm.bench.Figure;
import crm.bench.Scale;
import crm.e2e.Service;
import crm.e2e.Suite;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Accepted events per second through the tracking API (issue 4): /v1/batch of 100 events of about 500 B, and single
 * /v1/track, each driven by enough keep-alive clients to saturate ingest, next to Kafka's ProducerPerformance (500 B
 * records, acks=all, idempotent) on the same broker and a topic set up like crm.events.v1. "Accepted" means answered
 * 200, which ingest does only after the broker acked and the dedupe row is committed.
 */
public final class IngestBenchmark implements Benchmark {
    public static final int BATCH_EVENTS = 100;
    static final int BATCH_CLIENTS = 16;
    static final int TRACK_CLIENTS = 64;
    /** Distinct customers the events are spread over (profiles are updated, not only created). */
    static final int CUSTOMERS = 20_000;
    static final String PRODUCER_CEILING = "Kafka ProducerPerformance, 500 B, acks=all, idempotent";
    /** Stopped while ingest and its ceiling are measured. */
    private static final List<Service> CONSUMERS = List.of(Service.PROFILE, Service.SEGMENT, Service.JOURNEY);

    @Override
    public String name() {
        return "ingest";
    }

    /** The workspace rate limit (1,000 events/s by default) would cap the figure; the bench lifts it. */
    @Override
    public Map<Service, Map<String, String>> environment() {
        return Map.of(Service.INGEST, Map.of(
                "CRM_RATE_LIMIT_EVENTS_PER_SECOND", "100000000",
                "CRM_RATE_LIMIT_BURST", "100000000"));
    }

    @Override
    public List<Figure> run(Suite suite) throws Exception {
        TrackingApi api = new TrackingApi(suite);
        TrackingApi.Workspace workspace = api.createWorkspace("Bench ingest");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Duration seconds = Scale.seconds(15);

        // Warm-up: JIT, connection pools, the topic and the consumers' first rebalance.
        Saturation.run(api, BATCH_CLIENTS, Scale.seconds(5), BATCH_EVENTS, n -> batch(api, workspace, "w" + run, n));
        Saturation.run(api, TRACK_CLIENTS, Scale.seconds(3), 1, n -> track(api, workspace, "w" + run, n));
        double producer;
        try (Backlog backlog = Backlog.of(suite)) {
            long left = backlog.awaitDrained(Duration.ofMinutes(2));
            System.out.println("   warmed up; backlog left: " + (left == 0 ? "none" : left + " " + backlog.byGroupAndTopic()));
        }
        // Ingest's rate, not the consumers': folding what ingest accepts would take the cores the ceiling has to itself
        // (its records go to a topic nobody reads). They are stopped for the measured part and catch up afterwards.
        for (Service consumer : CONSUMERS) suite.stop(consumer);
        Saturation.Result batch;
        Saturation.Result track;
        try {
            try (Backlog backlog = Backlog.of(suite)) {
                producer = ProducerCeiling.run(backlog.admin(), suite.kafka().bootstrapServers(), Scale.count(600_000, 50_000),
                        SampleEvents.TARGET_BYTES, suite.options().data().resolve("logs/producer-performance.log"));
            }
            System.out.printf("   ProducerPerformance: %.0f records/s%n", producer);
            batch = Saturation.run(api, BATCH_CLIENTS, seconds, BATCH_EVENTS, n -> batch(api, workspace, "b" + run, n));
            report("/v1/batch", batch);
            track = Saturation.run(api, TRACK_CLIENTS, seconds, 1, n -> track(api, workspace, "t" + run, n));
            report("/v1/track", track);
        } finally {
            for (Service consumer : CONSUMERS) suite.launch(consumer);
            for (Service consumer : CONSUMERS) suite.awaitReady(consumer, Duration.ofMinutes(3));
        }

        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.atLeast("ingest /v1/batch (100 events of 500 B, " + BATCH_CLIENTS + " clients)",
                batch.perSecond(), "events/s", PRODUCER_CEILING, producer, 0.3));
        figures.add(new Figure("ingest /v1/track (1 event of 500 B, " + TRACK_CLIENTS + " clients)",
                track.perSecond(), "events/s", PRODUCER_CEILING, producer, "", true));
        long refused = batch.refused().values().stream().mapToLong(Long::longValue).sum()
                + track.refused().values().stream().mapToLong(Long::longValue).sum();
        figures.add(Figure.alone("ingest requests refused under saturation", refused, "requests", "0", refused == 0));
        return figures;
    }

    private static void report(String what, Saturation.Result r) {
        System.out.printf("   %s: %d events accepted in %.1f s (%d requests, refused %s)%n", what, r.accepted(), r.seconds(),
                r.requests(), r.refused());
    }

    /** The n-th batch of a run: events n * 100 to n * 100 + 99. */
    public static HttpRequest batch(TrackingApi api, TrackingApi.Workspace w, String prefix, long n) {
        List<String> items = new ArrayList<>(BATCH_EVENTS);
        for (int i = 0; i < BATCH_EVENTS; i++) items.add(event(prefix, n * BATCH_EVENTS + i));
        return api.track(w, "/v1/batch", SampleEvents.batch(items));
    }

    private static HttpRequest track(TrackingApi api, TrackingApi.Workspace w, String prefix, long n) {
        return api.track(w, "/v1/track", event(prefix, n));
    }

    /**
     * The n-th event of a run: a unique messageId (the prefix names the run, in a workspace of its own), one of
     * {@link #CUSTOMERS} customers. No random UUID: the generator shares the cores with ingest, and the ceiling's
     * generator costs nothing (ProducerPerformance sends one prepared payload).
     */
    private static String event(String prefix, long n) {
        long customer = Math.floorMod(n * 7919, CUSTOMERS);
        String user = "bench-u-" + customer;
        return SampleEvents.track(prefix + "-" + n, user, "Product Viewed", user + "@bench.example.com", n);
    }
}
