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
import java.util.Map;

/**
 * Issue #5: events folded per second into PostgreSQL by the real profile-service, beside pgbench (TPC-B, 4 clients)
 * on the same server in the same run. The events go straight onto crm.events.v1 in the canonical envelope, much faster
 * than they are folded; the clock stops when the profile database reflects the last of them. The store's workspace is
 * created the real way (its presets and Welcome journey exist; Welcome is paused, so the warm-up's customers get no
 * email). For the measured pass and pgbench, segment-service and journey-service are stopped: they would read every
 * event and snapshot on the same two cores while pgbench runs alone; they catch up afterwards. Beside pgbench,
 * {@link FoldFloor} measures the fold's own SQL alone on the same server: what the fold could reach were
 * profile-service and the broker free.
 */
public final class ProfileFoldBenchmark implements Benchmark {
    static final int CLIENTS = 4;
    static final int THREADS = 2;
    /** Stopped while the fold and pgbench are measured. */
    private static final List<Service> DOWNSTREAM = List.of(Service.SEGMENT, Service.JOURNEY);

    @Override
    public String name() {
        return "profile-fold";
    }

    /**
     * The scheduled BG/NBD refit (daily, first a minute after start) would run in the middle of the measured fold and
     * take a core from it: it is held off while the suite runs (POST /v1/predictions/refit still refits on demand).
     */
    @Override
    public Map<Service, Map<String, String>> environment() {
        return Map.of(Service.PROFILE, Map.of("CRM_PROFILE_PREDICTIONS_FIRST_DELAY", "24h"));
    }

    @Override
    public List<Figure> run(Suite suite) throws Exception {
        PgBench pgbench = PgBench.onThisMachine(); // before anything: without it there is no figure to give
        int events = Settings.count("bench.fold.events", 40_000);
        int customers = Settings.count("bench.fold.customers", Math.max(1, events / 10));
        int seconds = Settings.count("bench.pgbench.seconds", 30);

        StoreWorkspace store = StoreWorkspace.create(suite, "bench profile fold");
        store.pauseWelcome(suite);
        double eventsPerSecond;
        double tps;
        double floor;
        for (Service downstream : DOWNSTREAM) suite.stop(downstream);
        try {
            // A first pass warms the service's JIT and pools, so the figure is its steady state: after a warm-up of a
            // tenth of the measured pass the compiler still took a good part of a core during it (half the speed).
            fold(suite, store.id(), "warm-", Settings.count("bench.fold.warmup", 3 * events), customers, 1);
            eventsPerSecond = fold(suite, store.id(), "fold-", events, customers, 2);
            tps = pgbench.tps(suite, CLIENTS, THREADS, seconds);
            floor = FoldFloor.eventsPerSecond(suite, pgbench, store.id(), seconds);
        } finally {
            for (Service downstream : DOWNSTREAM) suite.launch(downstream);
            for (Service downstream : DOWNSTREAM) suite.awaitReady(downstream, Duration.ofMinutes(3));
        }
        System.out.printf(Locale.ROOT, "   profile fold: %d events over %d customers at %.0f events/s; pgbench %.0f tps; "
                + "the fold's SQL alone %.0f events/s%n", events, customers, eventsPerSecond, tps, floor);
        String ceiling = String.format(Locale.ROOT, "pgbench TPC-B, %d clients, %d threads, scale %d, %d s (tps)", CLIENTS, THREADS, CLIENTS, seconds);
        return List.of(
                Figure.atLeast(String.format(Locale.ROOT,
                                "profile fold: events folded into PostgreSQL (%,d Order Completed / Product Viewed over %,d customers)", events, customers),
                        eventsPerSecond, "events/s", ceiling, tps, 5.0),
                // What the fold could reach were profile-service and the broker free: no target, it bounds the one above.
                new Figure(String.format(Locale.ROOT, "the fold's SQL alone (pgbench, fold-floor.pgbench, %d clients, %d events a batch)",
                        FoldFloor.CLIENTS, FoldFloor.EVENTS_PER_BATCH), floor, "events/s", ceiling, tps, "", true));
    }

    /** Publishes a workload and returns the events folded per second. */
    private static double fold(Suite suite, String workspaceId, String prefix, int count, int customers, long seed) throws Exception {
        List<CustomerEvent> workload = FoldWorkload.events(workspaceId, prefix, count, customers, seed, Instant.now());
        List<String> keys = workload.stream().map(CustomerEvent::key).toList();
        List<String> payloads = workload.stream().map(Json::write).toList();
        try (Broker broker = new Broker(suite); Connection db = SuiteDatabase.connect(suite, Service.PROFILE)) {
            Instant start = Instant.now();
            for (int i = 0; i < count; i++) broker.send(Topics.EVENTS, keys.get(i), payloads.get(i));
            broker.flush();
            Instant done = Awaiting.until(count + " events folded", Duration.ofSeconds(Math.max(300, count / 10)),
                    Duration.ofMillis(100), () -> ProfileTables.eventsFolded(db, workspaceId, prefix) >= count);
            return count / Awaiting.seconds(start, done);
        }
    }
}
