package crm.journey.providers;

import crm.events.MessageEvent.Channel;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.vertx.ext.mail.SMTPException;
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
            if (!closingChannel(e)) throw refused(e);
            // 421: the server closed the pooled connection the message went out on (an idle timeout racing the
            // pool's keep-alive). It took nothing, so the message goes again at once on a new connection rather
            // than waiting for its retry.
            try {
                mailer.send(mail);
            } catch (RuntimeException again) {
                throw refused(again);
            }
        }
        return null;
    }

    /** Whether the server answered 421, "service not available, closing transmission channel" (RFC 5321 3.8). */
    static boolean closingChannel(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) return smtp.getReplyCode() == 421;
        }
        return false;
    }

    private static ProviderException refused(RuntimeException e) {
        return new ProviderException("SMTP refused the message: " + e.getMessage(), e);
    }
}
