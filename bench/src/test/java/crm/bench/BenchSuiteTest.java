package crm.bench;

import crm.e2e.Service;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BenchSuiteTest {

    @Test
    void the_table_shows_each_figure_beside_its_ceiling_ratio_and_target() {
        String table = BenchSuite.table(List.of(
                Figure.atLeast("ingest /v1/batch", 12_000, "events/s", "ProducerPerformance", 40_000, 0.3),
                Figure.info("event to inbox, p50", 42, "ms"),
                Figure.info("rate actually sent", 499.25, "events/s"),
                Figure.info("event to inbox, max", Double.NaN, "ms"),
                Figure.alone("event to inbox, p99", 300, "ms", "p99 < 250 ms", false)));
        assertThat(table).contains("| ingest /v1/batch | 12,000 events/s | ProducerPerformance: 40,000 events/s | 0.30 | >= 0.3 x ceiling | yes |")
                .contains("| event to inbox, p50 | 42 ms |  |  |  |  |")
                .contains("| rate actually sent | 499 events/s |")
                .contains("| event to inbox, max | n/a ms |")
                .contains("| event to inbox, p99 | 300 ms |  |  | p99 < 250 ms | no |");
    }

    @Test
    void the_suite_starts_with_every_chosen_benchmarks_settings() {
        Benchmark a = benchmark("a", Map.of(Service.INGEST, Map.of("X", "1")));
        Benchmark b = benchmark("b", Map.of(Service.INGEST, Map.of("Y", "2"), Service.JOURNEY, Map.of("Z", "3")));
        assertThat(BenchSuite.environment(List.of(a, b))).isEqualTo(Map.of(
                Service.INGEST, Map.of("X", "1", "Y", "2"), Service.JOURNEY, Map.of("Z", "3")));
    }

    private static Benchmark benchmark(String name, Map<Service, Map<String, String>> env) {
        return new Benchmark() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Figure> run(crm.e2e.Suite suite) {
                return List.of();
            }

            @Override
            public Map<Service, Map<String, String>> environment() {
                return env;
            }
        };
    }
}
