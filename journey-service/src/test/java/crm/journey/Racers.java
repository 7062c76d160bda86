package crm.journey;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** Workers (or replicas) started at the same instant, each claiming until nothing is due: the race a lock must win. */
public final class Racers {
    private Racers() {
    }

    /** Runs {@code claim} on {@code workers} threads released together, each until a claim takes nothing. */
    public static void raceUntilNothingIsDue(int workers, IntSupplier claim) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<CompletableFuture<Void>> racers = new ArrayList<>();
            for (int t = 0; t < workers; t++) {
                racers.add(CompletableFuture.runAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    while (claim.getAsInt() > 0) {
                        // keep claiming until nothing is due
                    }
                }, pool));
            }
            start.countDown();
            CompletableFuture.allOf(racers.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
    }
}
