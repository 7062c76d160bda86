package crm.journey.sends;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Sends a claimed email send over SMTP (quarkus-mailer), rendered from its Qute templates. */
@ApplicationScoped
public class EmailSender {
    public static final String PROVIDER = "smtp";
    /** Lets a provider or the recipient's tools recognise a message sent again after a worker stopped mid-send. */
    public static final String IDEMPOTENCY_HEADER = "X-CRM-Idempotency-Key";

    @Inject
    Mailer mailer;
    @Inject
    Engine templates;

    /** Delivers the message; throws when the template is missing or the SMTP server refuses it. */
    public void send(ClaimedSend send) {
        String subject = MessageTemplates.subject(send.template())
                .orElseThrow(() -> new IllegalStateException("no message template '" + send.template() + "'"));
        String html = render(send, "html");
        String text = render(send, "txt");
        mailer.send(Mail.withHtml(send.recipient(), subject, html).setText(text)
                .addHeader(IDEMPOTENCY_HEADER, send.idempotencyKey()));
    }

    private String render(ClaimedSend send, String suffix) {
        Template template = templates.getTemplate("email/" + send.template() + "." + suffix);
        if (template == null) throw new IllegalStateException("no " + suffix + " body for message template '" + send.template() + "'");
        return template.data("firstName", MessageTemplates.firstName(send.variables()).orElse(null))
                .data("traits", send.variables())
                .render();
    }
}
