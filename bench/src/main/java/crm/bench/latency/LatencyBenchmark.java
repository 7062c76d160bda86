package crm.bench.latency;

import crm.bench.Benchmark;
import crm.bench.Figure;
import crm.bench.Scale;
import crm.bench.ingest.TrackingApi;
import crm.e2e.Suite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * End-to-end latency (issue 9): from the moment an event is due at ingest (POST /v1/track, open loop at a steady rate)
 * to the moment its email is stored by the SMTP server, through Kafka, journey-service's event trigger, its send
 * outbox and worker, and the mailer. The journey sends at once (its first step is the send).
 */
public final class LatencyBenchmark implements Benchmark {
    static final int MAX_IN_FLIGHT = 128;
    static final double TARGET_P99_MS = 250;

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public List<Figure> run(Suite suite) throws Exception {
        int rate = Scale.intProperty("bench.latency.rate", 500);
        TrackingApi api = new TrackingApi(suite);
        TrackingApi.Workspace workspace = api.createWorkspace("Bench latency");
        SendAtOnceJourney journey = SendAtOnceJourney.create(suite, api, workspace);
        String run = "lat" + UUID.randomUUID().toString().substring(0, 6);
        System.out.println("   first email after " + journey.probe(run + "p", Duration.ofSeconds(120)).toMillis() + " ms (probe)");

        SteadyLoad.Result warm = SteadyLoad.run(api, rate, Scale.seconds(10), MAX_IN_FLIGHT, n -> journey.event(run + "w", n));
        System.out.printf("   warm-up: %d events at %d/s, %d accepted, refused %s%n", warm.status().length, rate, warm.accepted(), warm.refused());
        journey.awaitEmails(run + "w", warm.accepted(), Duration.ofSeconds(20), Duration.ofSeconds(60));
        Duration measuring = Scale.seconds(30);
        SteadyLoad.Result load = SteadyLoad.run(api, rate, measuring, MAX_IN_FLIGHT, n -> journey.event(run + "m", n));
        System.out.printf("   sent %d events at %d/s, %d accepted, refused %s, last one %d ms behind schedule%n",
                load.status().length, rate, load.accepted(), load.refused(), load.late().toMillis());
        SendAtOnceJourney.Inbox inbox = journey.awaitEmails(run + "m", load.accepted(), Duration.ofSeconds(30), Duration.ofSeconds(90));

        // Every accepted event has a latency; one whose email never came counts as infinitely late.
        long[] latencies = new long[load.accepted()];
        int k = 0;
        int missing = 0;
        for (int n = 0; n < load.status().length; n++) {
            if (load.status()[n] != 200) continue;
            Long at = inbox.firstAt().get((long) n);
            if (at == null) missing++;
            latencies[k++] = at == null ? NEVER : at - load.dueMillis()[n];
        }
        int measured = k - missing;
        Arrays.sort(latencies);
        int refused = load.status().length - load.accepted();
        System.out.printf("   %d emails measured, %d missing, %d duplicates, %d events refused%n", measured, missing,
                inbox.duplicates(), refused);
        suite.smtp().purge(); // tens of thousands of messages would otherwise stay in this JVM's heap

        String at = " at " + rate + " events/s";
        double p99 = percentile(latencies, 99);
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.info("event to inbox, p50" + at, percentile(latencies, 50), "ms"));
        figures.add(Figure.alone("event to inbox, p99" + at + " (" + measured + " emails)", p99, "ms",
                "p99 < " + (int) TARGET_P99_MS + " ms, none missing", p99 < TARGET_P99_MS && missing == 0 && measured > 0));
        figures.add(Figure.info("event to inbox, max" + at, percentile(latencies, 100), "ms"));
        figures.add(Figure.alone("emails missing at the end (30 s without a new one, at most 90 s)", missing, "emails", "0", missing == 0));
        figures.add(Figure.alone("emails sent twice", inbox.duplicates(), "emails", "0", inbox.duplicates() == 0));
        figures.add(Figure.alone("events refused by ingest at " + rate + "/s", refused, "events", "0", refused == 0));
        // Below the set rate when ingest answered too slowly for 128 requests in flight: the latencies then include it.
        figures.add(Figure.info("rate actually sent (set: " + rate + "/s)",
                load.status().length * 1000.0 / (measuring.toMillis() + load.late().toMillis()), "events/s"));
        return figures;
    }

    /** The latency of an event whose email never came. */
    static final long NEVER = Long.MAX_VALUE;

    /** Nearest-rank percentile of sorted values; NaN when there are none or when it falls on an email that never came. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        long v = sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        return v == NEVER ? Double.NaN : v;
    }
}
