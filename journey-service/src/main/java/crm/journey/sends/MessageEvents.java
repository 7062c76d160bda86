package crm.journey.sends;

import crm.events.CustomerEvent;
import crm.events.Identities;
import crm.events.MessageEvent;

/** The message event that reports a finished send on crm.events.v1, so profiles count what they were sent. */
public final class MessageEvents {
    public static final String SOURCE = "journey";

    private MessageEvents() {
    }

    /**
     * The event about a send in its final status. Its id is the idempotency key plus the status, so publishing it again
     * (a worker stopped after publishing, before recording that) is deduplicated downstream.
     */
    public static CustomerEvent of(ClaimedSend send, String provider) {
        if (!send.status().isFinal()) throw new IllegalArgumentException("send " + send.idempotencyKey() + " is not finished");
        MessageEvent.Status status = switch (send.status()) {
            case sent -> MessageEvent.Status.sent;
            case skipped -> MessageEvent.Status.skipped;
            default -> MessageEvent.Status.failed;
        };
        MessageEvent event = new MessageEvent(status, send.channel(), send.idempotencyKey(), send.journeyId(),
                send.runId().toString(), send.stepId(), send.status() == SendStatus.skipped ? null : provider, send.reason());
        Identities who = new Identities(null, null, send.channel() == MessageEvent.Channel.email ? send.recipient() : null,
                null, null, null, null, null, send.profileId());
        return event.toCustomerEvent(send.idempotencyKey() + ":" + status.name(), send.workspaceId(), who,
                send.finishedAt(), SOURCE);
    }
}
