package crm.bench;

import crm.e2e.Suite;

import java.util.List;

/** One benchmark of the suite: runs against the whole suite (services as processes, real broker and database). */
public interface Benchmark {

    /** Short name used to pick benchmarks: -Dbench.only=ingest,journey */
    String name();

    List<Figure> run(Suite suite) throws Exception;
}
