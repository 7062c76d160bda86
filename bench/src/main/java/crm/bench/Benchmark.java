package crm.bench;

import crm.e2e.Service;
import crm.e2e.Suite;

import java.util.List;
import java.util.Map;

/** One benchmark of the suite: runs against the whole suite (services as processes, real broker and database). */
public interface Benchmark {

    /** Short name used to pick benchmarks: -Dbench.only=ingest,journey */
    String name();

    List<Figure> run(Suite suite) throws Exception;

    /**
     * Extra configuration (environment variables) the services need for this benchmark, e.g. a higher rate limit; the
     * suite starts once with the union of the chosen benchmarks' settings, so each must be documented in
     * docs/performance.md.
     */
    default Map<Service, Map<String, String>> environment() {
        return Map.of();
    }
}
