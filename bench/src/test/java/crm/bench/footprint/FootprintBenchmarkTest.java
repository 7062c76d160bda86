package crm.bench.footprint;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FootprintBenchmarkTest {

    @Test
    void resident_memory_is_read_from_proc_status() {
        String status = "Name:\tjava\nVmPeak:\t 4021472 kB\nVmHWM:\t  412000 kB\nVmRSS:\t  398348 kB\nRssAnon:\t  300000 kB\n";
        assertThat(FootprintBenchmark.vmRssKib(status)).isEqualTo(398_348);
    }

    @Test
    void a_status_without_resident_memory_is_refused() {
        assertThatThrownBy(() -> FootprintBenchmark.vmRssKib("Name:\tjava\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
