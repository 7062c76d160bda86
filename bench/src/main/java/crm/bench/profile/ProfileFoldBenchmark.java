package crm.bench.profile;

import crm.bench.Benchmark;
import crm.bench.Figure;
import crm.e2e.Service;
import crm.e2e.Suite;
import crm.events.CustomerEvent;
import crm.events.Json;
import crm.events.Topics;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Issue #5: events folded per second into PostgreSQL by the real profile-service, beside pgbench (TPC-B, 4 clients)
 * on the same server in the same run. The events go straight onto crm.events.v1 in the canonical envelope, much faster
 * than they are folded; the clock stops when the profile database reflects the last of them.
 */
public final class ProfileFoldBenchmark implements Benchmark {
    static final int CLIENTS = 4;
    static final int THREADS = 2;

    @Override
    public String name() {
        return "profile-fold";
    }

    @Override
    public List<Figure> run(Suite suite) throws Exception {
        PgBench pgbench = PgBench.onThisMachine(); // before anything: without it there is no figure to give
        int events = Settings.count("bench.fold.events", 20_000);
        int customers = Settings.count("bench.fold.customers", Math.max(1, events / 10));
        int seconds = Settings.count("bench.pgbench.seconds", 30);

        // A first pass warms the service's JIT and pools, so the figure is its steady state.
        fold(suite, Math.max(200, events / 10), customers, 1);
        double eventsPerSecond = fold(suite, events, customers, 2);
        double tps = pgbench.tps(suite, CLIENTS, THREADS, seconds);
        System.out.printf(Locale.ROOT, "   profile fold: %d events over %d customers at %.0f events/s; pgbench %.0f tps%n",
                events, customers, eventsPerSecond, tps);
        return List.of(Figure.atLeast(String.format(Locale.ROOT,
                        "profile fold: events folded into PostgreSQL (%,d Order Completed / Product Viewed over %,d customers)", events, customers),
                eventsPerSecond, "events/s",
                String.format(Locale.ROOT, "pgbench TPC-B, %d clients, %d threads, scale %d, %d s (tps)", CLIENTS, THREADS, CLIENTS, seconds),
                tps, 5.0));
    }

    /** Publishes the workload into a workspace of its own and returns the events folded per second. */
    private static double fold(Suite suite, int count, int customers, long seed) throws Exception {
        String workspaceId = "bench-fold-" + UUID.randomUUID();
        List<CustomerEvent> workload = FoldWorkload.events(workspaceId, count, customers, seed, Instant.now());
        List<String> keys = workload.stream().map(CustomerEvent::key).toList();
        List<String> payloads = workload.stream().map(Json::write).toList();
        try (Broker broker = new Broker(suite); Connection db = SuiteDatabase.connect(suite, Service.PROFILE)) {
            Instant start = Instant.now();
            for (int i = 0; i < count; i++) broker.send(Topics.EVENTS, keys.get(i), payloads.get(i));
            broker.flush();
            Instant done = Awaiting.until(count + " events folded", Duration.ofSeconds(Math.max(120, count / 20)),
                    Duration.ofMillis(100), () -> ProfileTables.eventsFolded(db, workspaceId) >= count);
            return count / Awaiting.seconds(start, done);
        }
    }
}
