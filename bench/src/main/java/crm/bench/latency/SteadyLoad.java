package crm.bench.latency;

import crm.bench.ingest.TrackingApi;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop load: request i is due at start + i / rate, whatever the answers to the earlier ones, so a slow server
 * makes requests wait (and that wait counts in their latency) instead of quietly lowering the rate. At most
 * {@code maxInFlight} requests are outstanding; beyond that the schedule slips and {@link Result#late()} says by how much.
 */
public final class SteadyLoad {

    /**
     * @param dueMillis epoch millis at which each request was due (the start of its latency)
     * @param status    the answer of each request (0: none)
     * @param late      how far behind its schedule the last request was sent
     */
    public record Result(long[] dueMillis, int[] status, Duration late) {
        public int accepted() {
            int n = 0;
            for (int s : status) if (s == 200) n++;
            return n;
        }

        /** Requests per answer other than 200 (0: no answer), for the report. */
        public java.util.Map<Integer, Integer> refused() {
            java.util.Map<Integer, Integer> refused = new java.util.TreeMap<>();
            for (int s : status) if (s != 200) refused.merge(s, 1, Integer::sum);
            return refused;
        }
    }

    private SteadyLoad() {
    }

    public static Result run(TrackingApi api, int perSecond, Duration duration, int maxInFlight, IntFunction<HttpRequest> request)
            throws InterruptedException {
        int count = (int) (duration.toMillis() * perSecond / 1000);
        long[] due = new long[count];
        AtomicIntegerArray status = new AtomicIntegerArray(count);
        Semaphore inFlight = new Semaphore(maxInFlight);
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        long lateNanos = 0;
        for (int i = 0; i < count; i++) {
            long dueNanos = startNanos + i * 1_000_000_000L / perSecond;
            long wait;
            while ((wait = dueNanos - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
            due[i] = startMillis + (dueNanos - startNanos) / 1_000_000;
            HttpRequest r = request.apply(i);
            inFlight.acquire();
            lateNanos = System.nanoTime() - dueNanos;
            int index = i;
            api.sendAsync(r).thenAccept(s -> {
                status.set(index, s);
                inFlight.release();
            });
        }
        inFlight.acquire(maxInFlight); // every answer is in
        int[] statuses = new int[count];
        for (int i = 0; i < count; i++) statuses[i] = status.get(i);
        return new Result(due, statuses, Duration.ofNanos(Math.max(0, lateNanos)));
    }
}
