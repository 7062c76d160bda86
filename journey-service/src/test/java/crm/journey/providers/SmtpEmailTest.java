package crm.journey.providers;

import io.vertx.ext.mail.SMTPException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpEmailTest {
    private static SMTPException reply(int code) {
        return new SMTPException("got error response", code, List.of(code + " closing"), code >= 500);
    }

    @Test
    void a_server_closing_the_channel_is_told_apart_from_a_refusal() {
        assertThat(SmtpEmail.closingChannel(new CompletionException(reply(421)))).isTrue();
        assertThat(SmtpEmail.closingChannel(reply(421))).isTrue();
        assertThat(SmtpEmail.closingChannel(new CompletionException(reply(450)))).isFalse();
        assertThat(SmtpEmail.closingChannel(new CompletionException(reply(550)))).isFalse();
        assertThat(SmtpEmail.closingChannel(new IllegalStateException("connection refused"))).isFalse();
    }
}
