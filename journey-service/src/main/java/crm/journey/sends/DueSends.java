package crm.journey.sends;

import crm.journey.runtime.SendSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The signal the send workers of this replica wait on: a send due now was committed, or a worker claimed a full batch
 * (more may be due). Each signal wakes one worker, or the next one to wait; signals given while every worker is busy
 * are kept, up to one per worker, so none is lost and a burst of them costs at most one extra claim per worker.
 */
@ApplicationScoped
public class DueSends {
    private final Object lock = new Object();
    private int wakeups;
    private boolean closed;
    /** Wakes the workers for sends put off by less than the poll (a retry, a provider's rate), so they go out on time. */
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "due-sends-later");
        t.setDaemon(true);
        return t;
    });

    @Inject
    SendSettings settings;

    public void signal() {
        synchronized (lock) {
            if (wakeups < Math.max(1, settings.concurrency())) wakeups++;
            lock.notify();
        }
    }

    /** Signals once {@code delay} has passed. */
    public void signalAfter(Duration delay) {
        synchronized (lock) {
            if (closed) return;
            later.schedule(this::signal, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    /** Waits until signalled or the timeout passed (or {@link #close}); true when a signal came. */
    public boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (wakeups == 0 && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            if (closed) return false;
            wakeups--;
            return true;
        }
    }

    /** Releases every waiting worker for good (the service stops). */
    void close() {
        synchronized (lock) {
            closed = true;
            later.shutdownNow();
            lock.notifyAll();
        }
    }
}
