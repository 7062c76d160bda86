package crm.journey.sends;

import crm.events.MessageEvent.Channel;
import crm.journey.guards.SendGuards;
import crm.journey.guards.Verdict;
import crm.journey.providers.OutboundMessage;
import crm.journey.providers.Provider;
import crm.journey.providers.ProviderChoice;
import crm.journey.providers.ProviderException;
import crm.journey.providers.Providers;
import crm.journey.runs.RunProgress;
import crm.journey.runtime.Database;
import crm.journey.runtime.SendSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.DurationConverter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Delivers due sends. Each round claims a batch (a committed lease), delivers each send, records the outcome with the
 * run's progress in one transaction, then publishes the round's message events together and records that. A worker
 * stopping anywhere leaves a lease that expires, and the next claim finishes the job: a message may be delivered again
 * only if the worker stopped between the provider's answer and the commit, and then with the same idempotency key.
 * <p>
 * Each replica runs {@code crm.journey.sends.concurrency} workers, so slow providers overlap. A worker waits on
 * {@link DueSends}, signalled right after a send due now is committed in this replica, and looks anyway every
 * {@code crm.journey.sends.every} (sends written by other replicas, held or retried ones). It claims rounds while full
 * batches come back, and signals another worker on each full one, so a backlog is shared by every worker.
 */
@ApplicationScoped
public class SendWorker {
    private static final Logger LOG = Logger.getLogger(SendWorker.class);
    private static final int MAX_ERROR_LENGTH = 1000;
    /** How long a stopping service waits for the rounds under way; a send left claimed waits for its lease. */
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

    @Inject
    SendRepository sends;
    @Inject
    RunProgress progress;
    @Inject
    Database database;
    @Inject
    SendGuards guards;
    @Inject
    Providers providers;
    @Inject
    MessageRenderer renderer;
    @Inject
    MessageEventPublisher events;
    @Inject
    InstantSource clock;
    @Inject
    SendSettings settings;
    @Inject
    DueSends due;

    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;
    /** The poll of the running workers; a send put off by less is woken for at its time. */
    private volatile Duration poll;

    void start(@Observes StartupEvent started) {
        Optional<Duration> every = pollInterval(settings.every());
        if (every.isEmpty()) return;
        poll = every.get();
        running = true;
        for (int i = 1; i <= Math.max(1, settings.concurrency()); i++) {
            Thread worker = new Thread(() -> work(every.get()), "send-worker-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        due.close();
        long deadline = System.nanoTime() + STOP_PATIENCE.toNanos();
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (worker.isAlive()) LOG.warnf("%s still delivering at shutdown; its sends wait for their lease", worker.getName());
        }
        workers.clear();
    }

    /** A send put off until {@code at}, sooner than the next poll, is taken up at that time, not at the poll. */
    private void wakeAt(Instant now, Instant at) {
        Duration delay = Duration.between(now, at);
        if (running && delay.compareTo(poll) < 0) {
            due.signalAfter(delay);
        }
    }

    /** "off" (or "disabled"): no background workers (tests run the rounds themselves); else a duration such as "1s". */
    static Optional<Duration> pollInterval(String every) {
        String value = every.trim();
        if (value.equalsIgnoreCase("off") || value.equalsIgnoreCase("disabled")) return Optional.empty();
        return Optional.of(DurationConverter.parseDuration(value));
    }

    private void work(Duration every) {
        while (running) {
            try {
                while (running && deliverDue() == settings.batchSize()) {
                    due.signal();
                }
            } catch (RuntimeException e) {
                LOG.warnf("send worker round failed, trying again within %s: %s", every, e.toString());
            }
            try {
                due.await(every);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One round: claims and handles up to a batch of sends; returns how many it claimed. Safe to call concurrently. */
    public int deliverDue() {
        return deliverDue(settings.batchSize());
    }

    public int deliverDue(int batchSize) {
        Instant now = clock.instant();
        List<ClaimedSend> claimed = sends.claim(now, now.plus(settings.lease()), batchSize);
        deliverRound(claimed);
        return claimed.size();
    }

    /** Delivers the sends of a round, one after the other, then publishes the message events of those finished. */
    void deliverRound(List<ClaimedSend> claimed) {
        List<ClaimedSend> finished = new ArrayList<>(claimed.size());
        for (ClaimedSend send : claimed) {
            try {
                // A finished send whose message event was not published yet is only published.
                (send.status() == SendStatus.sending ? deliver(send) : Optional.of(send)).ifPresent(finished::add);
            } catch (RuntimeException e) {
                // The lease expires and a later round takes the send up again.
                LOG.warnf("send %s not finished, retried after its lease: %s", send.idempotencyKey(), e.toString());
            }
        }
        publish(finished);
    }

    /** Publishes the message events of the committed outcomes together; records those the broker acknowledged. */
    private void publish(List<ClaimedSend> finished) {
        if (finished.isEmpty()) return;
        List<Boolean> acked = events.publishAll(finished.stream().map(f -> MessageEvents.of(f, f.provider())).toList());
        List<String> published = new ArrayList<>(finished.size());
        for (int i = 0; i < finished.size(); i++) {
            if (acked.get(i)) published.add(finished.get(i).idempotencyKey());
            // else the lease expires and a later round publishes it
        }
        sends.markPublished(published, clock.instant());
    }

    /**
     * Delivers a send: the guards first (skip, or hold until later), then the workspace's provider for the channel
     * within its rate. Returns it finished, or empty when it is to be tried later (or its lease was lost).
     */
    private Optional<ClaimedSend> deliver(ClaimedSend claimed) {
        Instant now = clock.instant();
        ClaimedSend send = claimed;
        Optional<ProviderChoice> choice = providers.chosen(send.workspaceId(), send.channel());
        // A webhook goes to the workspace's URL, every other channel to the profile's address.
        String planned = send.channel() == Channel.webhook ? choice.map(ProviderChoice::url).orElse(null) : send.recipient();
        SendGuards.Decision decision = guards.check(send.idempotencyKey(), send.leaseUntil(), send.workspaceId(),
                send.profileId(), send.channel(), send.template(), planned, send.variables(), send.quietHours(), now);
        String kind = decision.kind().name();
        if (decision.verdict() instanceof Verdict.Skip skip) {
            return finish(send, new SendRepository.Outcome(SendStatus.skipped, skip.detail(), skip.reason().name(), kind, null, null));
        }
        if (decision.verdict() instanceof Verdict.Hold hold) {
            sends.holdUntil(send, "held: " + hold.reason() + " until " + hold.until(), hold.until());
            return Optional.empty();
        }
        Optional<Provider> provider = choice.flatMap(c -> providers.named(c.provider()));
        if (provider.isEmpty()) {
            return finish(send, new SendRepository.Outcome(SendStatus.failed, "no provider configured for channel "
                    + send.channel() + choice.map(c -> " (unknown provider '" + c.provider() + "')").orElse(""), null, kind, null, null));
        }
        Optional<Duration> wait = providers.acquire(provider.get().name(), now);
        if (wait.isPresent()) {
            sends.holdUntil(send, "held: " + provider.get().name() + " send rate", now.plus(wait.get()));
            wakeAt(now, now.plus(wait.get()));
            return Optional.empty();
        }
        String providerMessageId;
        try {
            OutboundMessage message = renderer.render(send, decision.recipient(), decision.kind(), decision.contact(), choice.get());
            // A round delivers its sends one after the other and a busy machine can stall it, so this one may come
            // after its lease ran out and another worker took it up. The lease is renewed right before the provider is
            // called: a send still held gets a full lease for the call and its outcome, one lost is left to that
            // worker instead of going out twice.
            Optional<ClaimedSend> held = sends.renewLease(send, clock.instant().plus(settings.lease()));
            if (held.isEmpty()) {
                LOG.warnf("send %s: lease lost to another worker before the provider was called, leaving it to that one",
                        send.idempotencyKey());
                return Optional.empty();
            }
            send = held.get();
            providerMessageId = provider.get().send(message);
        } catch (IllegalStateException e) {
            // A missing template or setting: every retry would fail the same way.
            return finish(send, new SendRepository.Outcome(SendStatus.failed, describe(e), null, kind, provider.get().name(), null));
        } catch (RuntimeException e) {
            String error = describe(e);
            boolean permanent = e instanceof ProviderException p && p.isPermanent();
            Optional<Instant> retryAt = permanent ? Optional.empty() : retryPolicy().nextAttempt(send.attempts(), clock.instant());
            if (retryAt.isEmpty()) {
                return finish(send, new SendRepository.Outcome(SendStatus.failed, error, null, kind, provider.get().name(), null));
            }
            LOG.infof("send %s attempt %d failed, retrying at %s: %s", send.idempotencyKey(), send.attempts(), retryAt.get(), error);
            sends.retryLater(send, error, retryAt.get());
            wakeAt(clock.instant(), retryAt.get());
            return Optional.empty();
        }
        return finish(send, new SendRepository.Outcome(SendStatus.sent, null, null, kind, provider.get().name(), providerMessageId));
    }

    /** Records the final status and moves the run on, in one transaction. */
    private Optional<ClaimedSend> finish(ClaimedSend send, SendRepository.Outcome outcome) {
        Instant now = clock.instant();
        boolean held = database.inTransaction(c -> {
            if (!sends.finish(c, send, outcome, now)) return false;
            progress.afterSend(c, send.workspaceId(), send.runId(), send.journeyId(), send.stepId(), outcome.status(), send.variables(), now);
            return true;
        });
        if (!held) {
            LOG.warnf("send %s: lease lost to another worker, leaving it to that one", send.idempotencyKey());
            return Optional.empty();
        }
        return Optional.of(send.finished(outcome.status(), now, outcome.reason(), outcome.provider()));
    }

    RetryPolicy retryPolicy() {
        return new RetryPolicy(settings.maxAttempts(), settings.firstRetryDelay(), settings.maxRetryDelay());
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (root != e) message += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        return message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) : message;
    }
}
