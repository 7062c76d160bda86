package crm.bench.latency;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyBenchmarkTest {

    @Test
    void percentiles_are_nearest_rank() {
        long[] oneToHundred = LongStream.rangeClosed(1, 100).toArray();
        assertThat(LatencyBenchmark.percentile(oneToHundred, 50)).isEqualTo(50);
        assertThat(LatencyBenchmark.percentile(oneToHundred, 99)).isEqualTo(99);
        assertThat(LatencyBenchmark.percentile(new long[] {7}, 99)).isEqualTo(7);
        assertThat(LatencyBenchmark.percentile(new long[] {1, 2, 3}, 99)).isEqualTo(3);
    }

    @Test
    void an_email_that_never_came_makes_the_percentile_that_falls_on_it_unknown() {
        long[] latencies = LongStream.rangeClosed(1, 100).toArray();
        latencies[99] = LatencyBenchmark.NEVER;
        assertThat(LatencyBenchmark.percentile(latencies, 99)).isEqualTo(99);
        assertThat(LatencyBenchmark.percentile(latencies, 100)).isNaN();
    }

    @Test
    void no_measurement_has_no_percentile() {
        assertThat(LatencyBenchmark.percentile(new long[0], 50)).isNaN();
    }
}
