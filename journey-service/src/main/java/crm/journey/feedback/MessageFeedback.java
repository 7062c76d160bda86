package crm.journey.feedback;

import crm.events.CustomerEvent;
import crm.events.Identities;
import crm.events.Json;
import crm.events.MessageEvent;
import crm.journey.contacts.ContactRepository;
import crm.journey.runs.CustomerEventArrived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * What customer events on crm.events.v1 mean for journeys' messages: provider reports (delivered, opened, clicked,
 * bounced, spam reported, ...) are recorded per message, hard bounces and spam complaints suppress the address, and an
 * order is credited to the last message a journey sent the customer within the attribution window (last touch).
 * Observes {@link CustomerEventArrived}: the journeys' consumer of the topic hands over each new event (once per event
 * id) inside its transaction.
 */
@ApplicationScoped
public class MessageFeedback {
    @Inject
    FeedbackRepository feedback;
    @Inject
    ContactRepository contacts;
    @Inject
    InstantSource clock;
    @ConfigProperty(name = "crm.journey.attribution.window", defaultValue = "P5D")
    Duration window;

    void onEvent(@Observes CustomerEventArrived arrived) throws SQLException {
        apply(arrived.connection(), arrived.event());
    }

    void apply(Connection c, CustomerEvent event) throws SQLException {
        Instant at = Feedback.at(event, clock.instant());
        Optional<MessageEvent> report = Feedback.report(event);
        if (report.isPresent()) {
            onReport(c, event, report.get(), at);
        } else if (Feedback.isOrder(event)) {
            onOrder(c, event, at);
        }
    }

    private void onReport(Connection c, CustomerEvent event, MessageEvent report, Instant at) throws SQLException {
        Object providerId = event.properties().get("provider_message_id");
        Optional<FeedbackRepository.SentMessage> sent = feedback.message(c, event.workspaceId(), report.messageId(),
                providerId == null ? null : providerId.toString());
        if (sent.isPresent()) feedback.record(c, event.workspaceId(), event.id(), sent.get().messageId(), report.status(), at);
        Optional<String> suppression = Feedback.suppression(event, report);
        if (suppression.isEmpty()) return;
        MessageEvent.Channel channel = sent.map(FeedbackRepository.SentMessage::channel).orElse(report.channel());
        String address = channel == MessageEvent.Channel.email
                ? Optional.ofNullable(event.identities().email()).orElse(sent.map(FeedbackRepository.SentMessage::recipient).orElse(null))
                : Optional.ofNullable(event.identities().phone()).orElse(sent.map(FeedbackRepository.SentMessage::recipient).orElse(null));
        if (address != null) contacts.suppress(c, event.workspaceId(), channel, address, suppression.get(), event.id(), at);
    }

    private void onOrder(Connection c, CustomerEvent event, Instant at) throws SQLException {
        Identities who = event.identities();
        Optional<String> profile = who.profileId() != null ? Optional.of(who.profileId())
                : contacts.profileOf(c, event.workspaceId(), who.email(), who.phone());
        if (profile.isEmpty()) return;
        Optional<FeedbackRepository.SentMessage> last = feedback.lastSent(c, event.workspaceId(), profile.get(), at.minus(window), at);
        if (last.isEmpty()) return;
        Object currency = event.properties().get("currency");
        feedback.convert(c, event.workspaceId(), event.id(), last.get(), Feedback.revenue(event).orElse(null),
                currency == null ? null : currency.toString(), at);
    }
}
