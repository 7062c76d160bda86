package crm.bench.ingest;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * A closed-loop load: {@code clients} threads each send the next request as soon as the previous one was answered,
 * for a fixed time. With enough clients the server, not the client, sets the pace: that is its saturation rate.
 */
public final class Saturation {

    /**
     * @param accepted events answered 200 (each 200 of a request counts its {@code eventsPerRequest})
     * @param seconds  from the first request sent to the last answer received
     * @param refused  status code -> requests answered with it (0: no answer, I/O error)
     */
    public record Result(long accepted, long requests, Map<Integer, Long> refused, double seconds) {
        public double perSecond() {
            return accepted / seconds;
        }
    }

    private Saturation() {
    }

    /** Runs the load; {@code request} builds the n-th request (n counts from 0 over all clients). */
    public static Result run(TrackingApi api, int clients, Duration duration, int eventsPerRequest, LongFunction<HttpRequest> request)
            throws InterruptedException {
        AtomicLong next = new AtomicLong();
        LongAdder accepted = new LongAdder();
        LongAdder requests = new LongAdder();
        Map<Integer, LongAdder> refused = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    while (System.nanoTime() < deadline[0]) {
                        int status = api.send(request.apply(next.getAndIncrement()));
                        requests.increment();
                        if (status == 200) accepted.add(eventsPerRequest);
                        else refused.computeIfAbsent(status, s -> new LongAdder()).increment();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-client-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long start = System.nanoTime();
        deadline[0] = start + duration.toNanos();
        go.countDown();
        for (Thread t : threads) t.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<Integer, Long> refusedCounts = new TreeMap<>();
        refused.forEach((status, n) -> refusedCounts.put(status, n.sum()));
        return new Result(accepted.sum(), requests.sum(), refusedCounts, seconds);
    }
}
