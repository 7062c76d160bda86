package crm.journey.sends;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.MessageEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageEventsTest {
    private static final UUID RUN = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private static ClaimedSend send(SendStatus status, String recipient, String reason) {
        return new ClaimedSend(RUN + ":welcome-email", "ws-1", RUN, "j-1", "p-1", "welcome-email",
                MessageEvent.Channel.email, recipient, "welcome", Map.of(), status, 1, AT, AT, reason);
    }

    @Test
    void a_sent_email_is_reported_as_message_sent_about_the_profile() {
        CustomerEvent event = MessageEvents.of(send(SendStatus.sent, "ada@example.com", null), "smtp");
        assertThat(event.id()).isEqualTo(RUN + ":welcome-email:sent");
        assertThat(event.type()).isEqualTo(EventType.TRACK);
        assertThat(event.name()).isEqualTo("Message Sent");
        assertThat(event.workspaceId()).isEqualTo("ws-1");
        assertThat(event.source()).isEqualTo("journey");
        assertThat(event.timestamp()).isEqualTo(AT);
        assertThat(event.identities().profileId()).isEqualTo("p-1");
        assertThat(event.identities().email()).isEqualTo("ada@example.com");
        assertThat(event.key()).isEqualTo("ws-1:p:p-1");
        assertThat(MessageEvent.of(event)).contains(new MessageEvent(MessageEvent.Status.sent, MessageEvent.Channel.email,
                RUN + ":welcome-email", "j-1", RUN.toString(), "welcome-email", "smtp", null));
    }

    @Test
    void a_skipped_send_is_reported_with_its_reason_and_no_provider() {
        CustomerEvent event = MessageEvents.of(send(SendStatus.skipped, null, "no email address in the profile"), "smtp");
        assertThat(event.id()).endsWith(":skipped");
        assertThat(event.name()).isEqualTo("Message Skipped");
        assertThat(event.identities().email()).isNull();
        assertThat(event.properties()).containsEntry("reason", "no email address in the profile").doesNotContainKey("provider");
    }

    @Test
    void a_failed_send_is_reported_with_the_provider_error() {
        CustomerEvent event = MessageEvents.of(send(SendStatus.failed, "ada@example.com", "SMTP 550"), "smtp");
        assertThat(event.id()).endsWith(":failed");
        assertThat(event.name()).isEqualTo("Message Failed");
        assertThat(event.properties()).containsEntry("reason", "SMTP 550").containsEntry("provider", "smtp");
    }

    @Test
    void an_unfinished_send_has_no_message_event() {
        assertThatThrownBy(() -> MessageEvents.of(send(SendStatus.sending, "a@b.c", null), "smtp"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
