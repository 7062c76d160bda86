package crm.bench;

import crm.e2e.Suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs every benchmark against one fresh suite and prints each figure next to its ceiling; the table is also written
 * to bench/target/bench-results.md. Run with {@code ./mvnw -Pbench package -DskipTests} (-Dbench.only=a,b for some).
 */
public final class BenchSuite {

    /** Every benchmark, in the order they run. */
    static List<Benchmark> all() {
        return List.of(new crm.bench.profile.ProfileFoldBenchmark(), new crm.bench.segment.SegmentChangeBenchmark(), new crm.bench.segment.SegmentSweepBenchmark(), new crm.bench.journey.JourneyDrainBenchmark());
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("crm.root", ".")).toAbsolutePath();
        Set<String> only = Arrays.stream(System.getProperty("bench.only", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        Path data = root.resolve("bench/target/bench-data");
        deleteRecursively(data);
        List<Figure> figures = new ArrayList<>();
        try (Suite suite = Suite.start(Suite.Options.onFreePorts(root, data, "bench-admin-token"))) {
            for (Benchmark b : all()) {
                if (!only.isEmpty() && !only.contains(b.name())) continue;
                System.out.println("== " + b.name());
                List<Figure> result = b.run(suite);
                result.forEach(f -> System.out.println("   " + line(f)));
                figures.addAll(result);
            }
        }
        String table = table(figures);
        System.out.println(table);
        Files.writeString(root.resolve("bench/target/bench-results.md"), table);
    }

    static String table(List<Figure> figures) {
        StringBuilder out = new StringBuilder("| Figure | Value | Ceiling (same run) | Ratio | Target | Met |\n|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            out.append("| ").append(f.name())
                    .append(" | ").append(number(f.value())).append(' ').append(f.unit())
                    .append(" | ").append(f.ceilingName() == null ? "" : f.ceilingName() + ": " + number(f.ceiling()) + ' ' + f.unit())
                    .append(" | ").append(Double.isNaN(f.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", f.ratio()))
                    .append(" | ").append(f.target())
                    .append(" | ").append(f.met() ? "yes" : "no").append(" |\n");
        }
        return out.toString();
    }

    private static String line(Figure f) {
        return f.name() + ": " + number(f.value()) + " " + f.unit()
                + (f.ceilingName() == null ? "" : " (ceiling " + number(f.ceiling()) + ", ratio " + String.format(Locale.ROOT, "%.2f", f.ratio()) + ")")
                + " target " + f.target() + (f.met() ? " met" : " NOT met");
    }

    private static String number(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
