package crm.bench.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProducerCeilingTest {

    @Test
    void the_rate_is_read_from_the_final_summary_not_a_progress_line() {
        String output = """
                131001 records sent, 26194.1 records/sec (12.49 MB/sec), 1024.3 ms avg latency, 1690.0 ms max latency.
                150321 records sent, 30058.2 records/sec (14.33 MB/sec), 1091.7 ms avg latency, 1233.0 ms max latency.
                300000 records sent, 28530.670471 records/sec (13.60 MB/sec), 1062.37 ms avg latency, 1690.00 ms max latency, 1073 ms 50th, 1243 ms 95th, 1501 ms 99th, 1680 ms 99.9th.
                """;
        assertThat(ProducerCeiling.recordsPerSecond(output)).hasValue(28530.670471);
    }

    @Test
    void no_summary_gives_no_rate() {
        assertThat(ProducerCeiling.recordsPerSecond("Exception in thread main")).isEmpty();
    }
}
