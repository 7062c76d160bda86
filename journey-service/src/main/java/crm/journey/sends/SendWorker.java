package crm.journey.sends;

import crm.events.MessageEvent;
import crm.journey.runs.RunProgress;
import crm.journey.runtime.Database;
import crm.journey.runtime.SendSettings;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Delivers due sends. Each round claims a batch (a committed lease), delivers each send, records the outcome with the
 * run's progress in one transaction, then publishes the message event and records that. A worker stopping anywhere
 * leaves a lease that expires, and the next claim finishes the job: a message may be delivered again only if the
 * worker stopped between the provider's answer and the commit, and then with the same idempotency key.
 */
@ApplicationScoped
public class SendWorker {
    private static final Logger LOG = Logger.getLogger(SendWorker.class);
    private static final int MAX_ERROR_LENGTH = 1000;

    @Inject
    SendRepository sends;
    @Inject
    RunProgress progress;
    @Inject
    Database database;
    @Inject
    EmailSender email;
    @Inject
    MessageEventPublisher events;
    @Inject
    InstantSource clock;
    @Inject
    SendSettings settings;

    @Scheduled(identity = "send-worker", every = "${crm.journey.sends.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        deliverDue();
    }

    /** One round: claims and handles up to a batch of sends; returns how many it claimed. Safe to call concurrently. */
    public int deliverDue() {
        return deliverDue(settings.batchSize());
    }

    public int deliverDue(int batchSize) {
        Instant now = clock.instant();
        List<ClaimedSend> claimed = sends.claim(now, now.plus(settings.lease()), batchSize);
        for (ClaimedSend send : claimed) {
            try {
                handle(send);
            } catch (RuntimeException e) {
                // The lease expires and a later round takes the send up again.
                LOG.warnf("send %s not finished, retried after its lease: %s", send.idempotencyKey(), e.toString());
            }
        }
        return claimed.size();
    }

    private void handle(ClaimedSend send) {
        Optional<ClaimedSend> finished = send.status() == SendStatus.sending ? deliver(send) : Optional.of(send);
        finished.ifPresent(f -> {
            events.publish(MessageEvents.of(f, EmailSender.PROVIDER));
            sends.markPublished(f.idempotencyKey(), clock.instant());
        });
    }

    /** Delivers a send; returns it finished, or empty when it is to be retried later (or its lease was lost). */
    private Optional<ClaimedSend> deliver(ClaimedSend send) {
        Optional<String> skip = Delivery.skipReason(send);
        if (skip.isPresent()) return finish(send, SendStatus.skipped, skip.get());
        if (send.channel() != MessageEvent.Channel.email) {
            return finish(send, SendStatus.failed, "no provider for channel " + send.channel() + " yet");
        }
        try {
            email.send(send);
        } catch (RuntimeException e) {
            String error = describe(e);
            Optional<Instant> retryAt = retryPolicy().nextAttempt(send.attempts(), clock.instant());
            if (retryAt.isEmpty()) return finish(send, SendStatus.failed, error);
            LOG.infof("send %s attempt %d failed, retrying at %s: %s", send.idempotencyKey(), send.attempts(), retryAt.get(), error);
            sends.retryLater(send, error, retryAt.get());
            return Optional.empty();
        }
        return finish(send, SendStatus.sent, null);
    }

    /** Records the final status and moves the run on, in one transaction. */
    private Optional<ClaimedSend> finish(ClaimedSend send, SendStatus status, String reason) {
        Instant now = clock.instant();
        boolean held = database.inTransaction(c -> {
            if (!sends.finish(c, send, status, reason, now)) return false;
            progress.afterSend(c, send.workspaceId(), send.runId(), send.journeyId(), send.stepId(), status, send.variables(), now);
            return true;
        });
        if (!held) {
            LOG.warnf("send %s: lease lost to another worker, leaving it to that one", send.idempotencyKey());
            return Optional.empty();
        }
        return Optional.of(send.finished(status, now, reason));
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
