package crm.bench.footprint;

import crm.bench.Backlog;
import crm.bench.Benchmark;
import crm.bench.Figure;
import crm.bench.Scale;
import crm.bench.ingest.IngestBenchmark;
import crm.bench.ingest.Saturation;
import crm.bench.ingest.TrackingApi;
import crm.bench.latency.LatencyBenchmark;
import crm.bench.latency.SendAtOnceJourney;
import crm.bench.latency.SteadyLoad;
import crm.e2e.Service;
import crm.e2e.Suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Start-up time and memory of each service as the suite runs it (JVM, -Xmx256m, serial GC). Each service is restarted
 * alone while the others idle, and timed from process start to its first ready answer. Then its resident memory
 * (VmRSS) is read after a warm-up that drives every service (events that fold into profiles, move segments and send
 * emails) and again after a saturating load of the same mix, each once the consumers caught up.
 */
public final class FootprintBenchmark implements Benchmark {
    /** The memory limit of every service in the Kubernetes manifests (quarkus.kubernetes.resources.limits.memory). */
    static final double LIMIT_MIB = 768;
    /** Events per second of the load that trigger an email, beside the saturating batches. */
    static final int SENDS_PER_SECOND = 100;

    @Override
    public String name() {
        return "footprint";
    }

    @Override
    public Map<Service, Map<String, String>> environment() {
        Map<Service, Map<String, String>> env = new EnumMap<>(Service.class);
        env.putAll(new IngestBenchmark().environment());
        env.putAll(new LatencyBenchmark().environment());
        return env;
    }

    @Override
    public List<Figure> run(Suite suite) throws Exception {
        List<Figure> figures = new ArrayList<>();
        for (Service s : Service.values()) {
            suite.stop(s);
            long startedAt = System.nanoTime();
            suite.launch(s);
            awaitReady(suite, s, Duration.ofMinutes(3));
            long millis = (System.nanoTime() - startedAt) / 1_000_000;
            System.out.printf("   %s ready %d ms after its process started%n", s.module, millis);
            figures.add(Figure.info(s.module + " start-up (process start to ready)", millis, "ms"));
        }

        TrackingApi api = new TrackingApi(suite);
        TrackingApi.Workspace workspace = api.createWorkspace("Bench footprint");
        SendAtOnceJourney journey = SendAtOnceJourney.create(suite, api, workspace);
        String run = "fp" + UUID.randomUUID().toString().substring(0, 6);
        Map<Service, Long> warm;
        Map<Service, Long> loaded;
        try (Backlog backlog = Backlog.of(suite)) {
            SteadyLoad.run(api, 200, Scale.seconds(15), 64, n -> journey.event(run + "w", n));
            System.out.println("   warmed up; backlog left: " + backlog.awaitDrained(Duration.ofMinutes(2)));
            warm = rss(suite);
            // Saturating batches (profiles, segments) and, at the same time, a steady stream of events that send.
            Thread batches = new Thread(() -> {
                try {
                    Saturation.run(api, 2, Scale.seconds(20), IngestBenchmark.BATCH_EVENTS,
                            n -> IngestBenchmark.batch(api, workspace, run + "b", n));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-footprint-batches");
            batches.start();
            SteadyLoad.run(api, SENDS_PER_SECOND, Scale.seconds(20), 64, n -> journey.event(run + "l", n));
            batches.join();
            System.out.println("   loaded; backlog left: " + backlog.awaitDrained(Duration.ofMinutes(3)));
            loaded = rss(suite);
        }
        suite.smtp().purge();
        for (Service s : Service.values()) {
            figures.add(Figure.info(s.module + " RSS after warm-up", warm.get(s), "MiB"));
            figures.add(Figure.alone(s.module + " RSS after load", loaded.get(s), "MiB", "< " + (int) LIMIT_MIB + " MiB (k8s limit)",
                    loaded.get(s) < LIMIT_MIB));
        }
        return figures;
    }

    /** Polls readiness every 50 ms (the suite's own wait polls every 200 ms, too coarse for a start-up time). */
    static void awaitReady(Suite suite, Service s, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(suite.url(s) + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            if (pid(suite, s) < 0) throw new IllegalStateException(s.module + " exited; see " + suite.log(s));
            Thread.sleep(50);
        }
        throw new IllegalStateException(s.module + " not ready in " + timeout + "; see " + suite.log(s));
    }

    /** Resident memory of each service process in MiB. */
    static Map<Service, Long> rss(Suite suite) throws IOException {
        Map<Service, Long> rss = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            long pid = pid(suite, s);
            if (pid < 0) throw new IllegalStateException(s.module + " is not running");
            rss.put(s, vmRssKib(Files.readString(Path.of("/proc", String.valueOf(pid), "status"))) / 1024);
        }
        return rss;
    }

    /** VmRSS of a /proc/<pid>/status text, in KiB. */
    static long vmRssKib(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
        }
        throw new IllegalArgumentException("no VmRSS line");
    }

    /** The live child process running the service's jar, -1 when there is none (the suite keeps its handle private). */
    static long pid(Suite suite, Service s) {
        String jar = suite.options().root().resolve(s.module).resolve("target/quarkus-app/quarkus-run.jar").toString();
        return ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(jar)).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }
}
