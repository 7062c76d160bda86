package crm.journey.providers;

import crm.events.MessageEvent.Channel;

/** One way out for messages of one channel: SMTP, SendGrid, Twilio, a signed webhook. */
public interface Provider {
    /** Its name, as configured and chosen per workspace (smtp, sendgrid, twilio, webhook). */
    String name();

    Channel channel();

    /**
     * Hands the message over; returns the provider's own id for it (null when it has none).
     *
     * @throws ProviderException when it was not taken
     */
    String send(OutboundMessage message);
}
