package crm.journey.sends;

import crm.journey.providers.SmtpEmail;
import crm.testing.CrmTestInfra;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.Collection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the SMTP server received for sends whose final rows are known. */
final class Deliveries {
    private Deliveries() {
    }

    /**
     * Each recipient got its email with one idempotency key: exactly once when its send took one attempt (no second
     * worker delivered it); at most twice when it was retried, the documented window where the server took a message
     * whose answer never came back.
     *
     * @param sends recipient -> its (sent) send
     */
    static void eachSentOnce(Collection<String> recipients, Map<String, WelcomeBacklog.SendRow> sends) {
        assertThat(recipients).allSatisfy(r -> {
            var received = CrmTestInfra.smtp().receivedBy(r);
            assertThat(received).as(r).hasSizeBetween(1, sends.get(r).attempts() == 1 ? 1 : 2);
            assertThat(received).as(r).extracting(Deliveries::idempotencyKey).containsOnly(idempotencyKey(received.get(0)));
        });
    }

    static String idempotencyKey(MimeMessage message) {
        try {
            return message.getHeader(SmtpEmail.IDEMPOTENCY_HEADER, null);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
