package crm.bench;

import crm.bench.footprint.FootprintBenchmark;
import crm.bench.ingest.IngestBenchmark;
import crm.bench.latency.LatencyBenchmark;
import crm.e2e.Service;
import crm.e2e.Suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs every benchmark against one fresh suite and prints each figure next to its ceiling; the table is also written
 * to bench/target/bench-results.md. Run with {@code ./mvnw -Pbench package -DskipTests} (-Dbench.only=a,b for some).
 */
public final class BenchSuite {

    /**
     * Every benchmark, in the order they run: latency first (it wants an idle suite), ingest (it leaves the largest
     * backlog), footprint last (it restarts every service).
     */
    static List<Benchmark> all() {
        return List.of(new LatencyBenchmark(), new IngestBenchmark(),
                new crm.bench.profile.ProfileFoldBenchmark(), new crm.bench.segment.SegmentChangeBenchmark(),
                new crm.bench.segment.SegmentSweepBenchmark(), new crm.bench.journey.JourneyDrainBenchmark(),
                new FootprintBenchmark());
    }

    /** Longest wait for the consumers to catch up before a benchmark starts. */
    static final Duration QUIET_TIMEOUT = Duration.ofMinutes(3);

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("crm.root", ".")).toAbsolutePath();
        Set<String> only = Arrays.stream(System.getProperty("bench.only", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        Path data = root.resolve("bench/target/bench-data");
        deleteRecursively(data);
        List<Benchmark> chosen = all().stream().filter(b -> only.isEmpty() || only.contains(b.name())).toList();
        String machine = machine();
        System.out.println(machine);
        List<Figure> figures = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        long started = System.nanoTime();
        Suite suite = start(root, data, environment(chosen));
        // Ctrl-C or a killed Maven must not leave the services, the broker and the database running.
        Thread stopOnExit = new Thread(suite::close, "bench-stop-suite");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            for (Benchmark b : chosen) {
                awaitQuiet(suite);
                System.out.println("== " + b.name() + " (" + loadAverage() + ")");
                long t0 = System.nanoTime();
                try {
                    List<Figure> result = b.run(suite);
                    result.forEach(f -> System.out.println("   " + line(f)));
                    figures.addAll(result);
                } catch (Exception | AssertionError e) {
                    // One broken benchmark must not hide the others' figures.
                    e.printStackTrace();
                    failed.add(b.name() + ": " + e);
                }
                System.out.printf("   (%s took %d s)%n", b.name(), (System.nanoTime() - t0) / 1_000_000_000);
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            suite.close();
        }
        String report = machine + "\n\n" + table(figures)
                + (failed.isEmpty() ? "" : "\nFailed: " + String.join("; ", failed) + "\n")
                + String.format(Locale.ROOT, "%nWhole run: %d s, %s at the end.%n", (System.nanoTime() - started) / 1_000_000_000, loadAverage());
        System.out.println(report);
        Files.writeString(root.resolve("bench/target/bench-results.md"), report);
        if (!failed.isEmpty()) System.exit(1);
    }

    /**
     * Starts the suite on free ports, a second time on other ports if the first start fails: a free port can be taken by
     * another process before the service binds it, and a start on a busy machine can time out.
     */
    static Suite start(Path root, Path data, Map<Service, Map<String, String>> environment) throws IOException {
        try {
            return Suite.start(Suite.Options.onFreePorts(root, data, "bench-admin-token"), environment);
        } catch (IllegalStateException e) {
            System.out.println("   the suite did not start (" + e.getMessage() + "); once more on other ports");
            deleteRecursively(data);
            return Suite.start(Suite.Options.onFreePorts(root, data, "bench-admin-token"), environment);
        }
    }

    /**
     * Waits (at most {@link #QUIET_TIMEOUT} in all) until the consumers caught up with every crm.* topic and then the
     * SMTP server received nothing for five seconds (sends already planned are not on any topic), so that a benchmark
     * does not measure against the previous one's leftovers. Says so when it gave up waiting.
     */
    static void awaitQuiet(Suite suite) throws Exception {
        Instant deadline = Instant.now().plus(QUIET_TIMEOUT);
        try (Backlog backlog = Backlog.of(suite)) {
            long left = backlog.awaitDrained(QUIET_TIMEOUT);
            if (left > 0) {
                System.out.println("   (starting with a backlog of " + left + " records: " + backlog.byGroupAndTopic() + ")");
                return;
            }
        }
        int mails = suite.smtp().received().size();
        Instant lastMail = Instant.now();
        while (Instant.now().isBefore(lastMail.plusSeconds(5))) {
            if (Instant.now().isAfter(deadline)) {
                System.out.println("   (starting while emails are still being sent)");
                return;
            }
            Thread.sleep(500);
            int now = suite.smtp().received().size();
            if (now != mails) {
                mails = now;
                lastMail = Instant.now();
            }
        }
    }

    /** The union of the chosen benchmarks' extra settings, per service. */
    static Map<Service, Map<String, String>> environment(List<Benchmark> chosen) {
        Map<Service, Map<String, String>> env = new EnumMap<>(Service.class);
        for (Benchmark b : chosen) {
            b.environment().forEach((s, vars) -> env.computeIfAbsent(s, k -> new HashMap<>()).putAll(vars));
        }
        return env;
    }

    /** What the figures were measured on: cores, memory, CPU, JDK (the services run on the same JDK). */
    static String machine() throws IOException {
        String cpu = "unknown CPU";
        long memKib = 0;
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            cpu = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        }
        Path meminfo = Path.of("/proc/meminfo");
        if (Files.isReadable(meminfo)) {
            memKib = Files.readAllLines(meminfo).stream().filter(l -> l.startsWith("MemTotal:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
        }
        return String.format(Locale.ROOT, "Machine: %d cores (nproc), %.1f GiB memory, %s; %s %s; %s; scale %s",
                Runtime.getRuntime().availableProcessors(), memKib / 1024.0 / 1024.0, cpu,
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), loadAverage(), Scale.factor());
    }

    /** The 1-minute load average: how busy the machine was (other work makes every figure noisier). */
    static String loadAverage() {
        try {
            return "load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "load average unknown";
        }
    }

    static String table(List<Figure> figures) {
        StringBuilder out = new StringBuilder("| Figure | Value | Ceiling (same run) | Ratio | Target | Met |\n|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            out.append("| ").append(f.name())
                    .append(" | ").append(number(f.value())).append(' ').append(f.unit())
                    .append(" | ").append(f.ceilingName() == null ? "" : f.ceilingName() + ": " + number(f.ceiling()) + ' ' + f.unit())
                    .append(" | ").append(Double.isNaN(f.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", f.ratio()))
                    .append(" | ").append(f.target())
                    .append(" | ").append(f.target().isBlank() ? "" : f.met() ? "yes" : "no").append(" |\n");
        }
        return out.toString();
    }

    private static String line(Figure f) {
        return f.name() + ": " + number(f.value()) + " " + f.unit()
                + (f.ceilingName() == null ? "" : " (ceiling " + number(f.ceiling()) + ", ratio " + String.format(Locale.ROOT, "%.2f", f.ratio()) + ")")
                + (f.target().isBlank() ? "" : " target " + f.target() + (f.met() ? " met" : " NOT met"));
    }

    private static String number(double v) {
        if (Double.isNaN(v)) return "n/a";
        return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
