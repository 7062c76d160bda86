package crm.journey.providers;

import crm.events.MessageEvent.Channel;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Email over SMTP (quarkus-mailer). */
@ApplicationScoped
public class SmtpEmail implements Provider {
    public static final String NAME = "smtp";
    /** Lets a provider or the recipient's tools recognise a message sent again after a worker stopped mid-send. */
    public static final String IDEMPOTENCY_HEADER = "X-CRM-Idempotency-Key";

    @Inject
    Mailer mailer;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Channel channel() {
        return Channel.email;
    }

    @Override
    public String send(OutboundMessage m) {
        Mail mail = Mail.withHtml(m.to(), m.subject(), m.html()).setText(m.text()).addHeader(IDEMPOTENCY_HEADER, m.messageId());
        m.headers().forEach(mail::addHeader);
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            throw new ProviderException("SMTP refused the message: " + e.getMessage(), e);
        }
        return null;
    }
}
