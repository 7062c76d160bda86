package crm.bench.segment;

import crm.bench.Benchmark;
import crm.bench.Figure;
import crm.bench.profile.Awaiting;
import crm.bench.profile.Settings;
import crm.bench.profile.SuiteDatabase;
import crm.bench.profile.TableCopy;
import crm.e2e.Service;
import crm.e2e.Suite;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Issue #6: a sweep of one time-based segment over a million profiles, timed through segment-service's real sweep
 * (the scheduled {@code TimeSweep}, which reconciles every clock-reading segment with its SQL form), beside a
 * hand-written SQL statement computing the same membership over the same table in the same run.
 *
 * <p>The sweep is observed from outside: the sentinel profile enters at each sweep, its {@code entered_at} is the
 * reconcile's "now" (when it began evaluating), and the membership row appears when the reconcile commits. Each
 * further sample takes the sentinel out again so the next sweep puts it back. The sweep's cadence is shortened for
 * the run (then put back): statistics and size history are held off so they do not run during the measurement.
 */
public final class SegmentSweepBenchmark implements Benchmark {
    /** segment-service's settings for the measurement, and the defaults of its application.properties put back after. */
    private static final Map<String, String> DURING = Map.of("CRM_SEGMENT_SWEEP_EVERY", "2s", "CRM_SEGMENT_SWEEP_DELAY", "1s",
            "CRM_SEGMENT_STATISTICS_DELAY", "1h", "CRM_SEGMENT_HISTORY_DELAY", "1h");
    private static final Map<String, String> AFTER = Map.of("CRM_SEGMENT_SWEEP_EVERY", "1m", "CRM_SEGMENT_SWEEP_DELAY", "5s",
            "CRM_SEGMENT_STATISTICS_DELAY", "30s", "CRM_SEGMENT_HISTORY_DELAY", "10s");

    @Override
    public String name() {
        return "segment-sweep";
    }

    @Override
    public List<Figure> run(Suite suite) throws Exception {
        int profiles = Settings.count("bench.sweep.profiles", 1_000_000);
        int samples = Settings.count("bench.sweep.samples", 3);
        String workspaceId = "bench-sweep-" + UUID.randomUUID();
        String segmentId = UUID.randomUUID().toString();
        restart(suite, DURING);
        try (Connection db = SuiteDatabase.connect(suite, Service.SEGMENT)) {
            try {
                return measure(suite, db, workspaceId, segmentId, profiles, samples);
            } finally {
                // The rest of the run (statistics job, sweeps, other benchmarks) does not pay for this workspace.
                SegmentTables.removeWorkspace(db, workspaceId);
            }
        } finally {
            restart(suite, AFTER);
        }
    }

    private static List<Figure> measure(Suite suite, Connection db, String workspaceId, String segmentId, int profiles,
                                        int samples) throws Exception {
        Instant loadStart = Instant.now();
        // Not swept while loading: the sweep only visits segments that read the clock.
        SegmentTables.addSegment(db, segmentId, workspaceId, "Last order over 90 days ago", SegmentTables.SWEPT_CONDITION, false, loadStart);
        String sentinel;
        try (Connection second = SuiteDatabase.connect(suite, Service.SEGMENT);
             TableCopy projection = SegmentTables.projection(db); TableCopy memberships = SegmentTables.memberships(second)) {
            sentinel = SweptProfiles.write(workspaceId, segmentId, profiles, 6, loadStart, projection, memberships);
        }
        SegmentTables.settle(db);
        long before = SegmentTables.members(db, workspaceId, segmentId);
        System.out.printf(Locale.ROOT, "   loaded %,d profiles and %,d memberships in %.0f s%n", profiles, before,
                Awaiting.seconds(loadStart, Instant.now()));

        // The hand-written SQL, first once to warm the same caches the sweep finds warm, then timed.
        SegmentTables.handWritten(db, workspaceId, Instant.now());
        List<Double> handWritten = new ArrayList<>();
        long expected = 0;
        for (int i = 0; i < samples; i++) {
            Instant start = Instant.now();
            expected = SegmentTables.handWritten(db, workspaceId, start);
            handWritten.add(Awaiting.seconds(start, Instant.now()));
        }

        List<Double> sweeps = new ArrayList<>();
        SegmentTables.sweepIt(db, segmentId, true);
        for (int i = 0; i < samples; i++) {
            if (i > 0) SegmentTables.removeMember(db, workspaceId, segmentId, sentinel);
            Instant committed = Awaiting.until("the sweep to put the sentinel in the segment", Duration.ofSeconds(600),
                    Duration.ofMillis(20), () -> SegmentTables.enteredAt(db, workspaceId, segmentId, sentinel).isPresent());
            Instant began = SegmentTables.enteredAt(db, workspaceId, segmentId, sentinel).orElseThrow();
            sweeps.add(Awaiting.seconds(began, committed));
        }
        long after = SegmentTables.members(db, workspaceId, segmentId);
        System.out.printf(Locale.ROOT, "   sweeps %s s, hand-written SQL %s s; members %,d -> %,d (hand-written SQL: %,d)%n",
                rounded(sweeps), rounded(handWritten), before, after, expected);
        return List.of(Figure.atMost(String.format(Locale.ROOT,
                        "segment sweep: \"%s\" over %,d profiles (median of %d)", SegmentTables.SWEPT_CONDITION, profiles, samples),
                median(sweeps), "s", "hand-written SQL of the same membership (median of " + samples + ")", median(handWritten), 1.5));
    }

    private static void restart(Suite suite, Map<String, String> environment) {
        environment.forEach((name, value) -> suite.environment(Service.SEGMENT, name, value));
        suite.stop(Service.SEGMENT);
        suite.launch(Service.SEGMENT);
        suite.awaitReady(Service.SEGMENT, Duration.ofSeconds(180));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList().toString();
    }
}
