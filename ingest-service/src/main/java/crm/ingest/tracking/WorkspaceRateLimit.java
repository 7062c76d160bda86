package crm.ingest.tracking;

import crm.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-workspace rate limit of the tracking API: one token bucket per workspace, counted in events (a batch of 100
 * costs 100), held in memory by each replica. With N replicas behind a load balancer a workspace may therefore send
 * up to N times the configured rate; that is the intended trade-off (no shared state on the hot path).
 */
@ApplicationScoped
public class WorkspaceRateLimit {
    /** Idle workspaces' buckets are full and can be forgotten; this bounds the memory when many workspaces write. */
    static final int MAX_BUCKETS = 100_000;

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Inject
    InstantSource clock;
    @ConfigProperty(name = "crm.rate-limit.events-per-second")
    double perSecond;
    @ConfigProperty(name = "crm.rate-limit.burst")
    int burst;

    /** Takes {@code events} tokens from the workspace's bucket, or refuses with 429 + Retry-After. */
    public void admit(String workspaceId, int events) {
        Instant now = clock.instant();
        if (buckets.size() >= MAX_BUCKETS) forgetFull(now);
        TokenBucket bucket = buckets.computeIfAbsent(workspaceId, id -> new TokenBucket(burst, perSecond, now));
        TokenBucket.Decision decision;
        synchronized (bucket) {
            decision = bucket.take(events, now);
        }
        if (decision instanceof TokenBucket.Limited limited) {
            long seconds = Math.max(1, ceilSeconds(limited.retryAfter()));
            throw new ProblemException(Response.Status.TOO_MANY_REQUESTS,
                    "over the rate limit of " + format(perSecond) + " events per second (burst " + burst
                            + ") for this workspace; retry after " + seconds + " s",
                    null,
                    Map.of("Retry-After", String.valueOf(seconds),
                            "X-RateLimit-Reset", String.valueOf(now.plusSeconds(seconds).getEpochSecond())));
        }
    }

    private void forgetFull(Instant now) {
        buckets.values().removeIf(b -> {
            synchronized (b) {
                return b.isFull(now);
            }
        });
    }

    private static long ceilSeconds(Duration d) {
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }

    private static String format(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }
}
