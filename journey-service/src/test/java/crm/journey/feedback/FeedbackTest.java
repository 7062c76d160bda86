package crm.journey.feedback;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;
import crm.events.MessageEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackTest {
    static final Instant T = Instant.parse("2026-01-10T10:00:00Z");

    static CustomerEvent track(String name, Map<String, Object> props) {
        return new CustomerEvent("e-1", "ws", EventType.TRACK, name, Identities.of(null, null, "a@b.c"), null, props,
                null, T, T, "sendgrid", null);
    }

    @Test
    void provider_reports_are_recorded_and_our_own_outcomes_are_not() {
        assertThat(Feedback.report(track("Message Opened", Map.of("message_id", "r:s")))).isPresent();
        assertThat(Feedback.report(track("Message Clicked", Map.of()))).isPresent();
        assertThat(Feedback.report(track("Message Sent", Map.of()))).isEmpty();
        assertThat(Feedback.report(track("Message Skipped", Map.of()))).isEmpty();
        assertThat(Feedback.report(track("Order Completed", Map.of()))).isEmpty();
    }

    @Test
    void a_hard_bounce_and_a_spam_complaint_suppress_a_block_does_not() {
        CustomerEvent hard = track("Message Bounced", Map.of("reason", "500 unknown recipient", "status", "5.0.0"));
        assertThat(Feedback.suppression(hard, Feedback.report(hard).orElseThrow())).contains("hard_bounce");
        CustomerEvent blocked = track("Message Bounced", Map.of("type", "blocked", "status", "5.0.0"));
        assertThat(Feedback.suppression(blocked, Feedback.report(blocked).orElseThrow())).isEmpty();
        CustomerEvent temporary = track("Message Bounced", Map.of("status", "4.2.2"));
        assertThat(Feedback.suppression(temporary, Feedback.report(temporary).orElseThrow())).isEmpty();
        CustomerEvent spam = track("Message Spam Reported", Map.of());
        assertThat(Feedback.suppression(spam, Feedback.report(spam).orElseThrow())).contains("spam_complaint");
        CustomerEvent open = track("Message Opened", Map.of());
        assertThat(Feedback.suppression(open, MessageEvent.of(open).orElseThrow())).isEmpty();
    }

    @Test
    void an_order_is_worth_its_revenue_else_its_total() {
        assertThat(Feedback.revenue(track("Order Completed", Map.of("revenue", 42.5)))).contains(new BigDecimal("42.5"));
        assertThat(Feedback.revenue(track("Order Completed", Map.of("total", "19.99")))).contains(new BigDecimal("19.99"));
        assertThat(Feedback.revenue(track("Order Completed", Map.of("total", "n/a", "value", 3)))).contains(new BigDecimal("3"));
        assertThat(Feedback.revenue(track("Order Completed", Map.of()))).isEmpty();
        assertThat(Feedback.isOrder(track("Order Completed", Map.of()))).isTrue();
    }

    @Test
    void an_order_credits_a_message_sent_within_the_window_before_it() {
        Duration fiveDays = Duration.ofDays(5);
        assertThat(Feedback.credits(T.minus(Duration.ofDays(4)), T, fiveDays)).isTrue();
        assertThat(Feedback.credits(T, T, fiveDays)).isTrue();
        assertThat(Feedback.credits(T.minus(Duration.ofDays(5)), T, fiveDays)).isFalse();
        assertThat(Feedback.credits(T.plusSeconds(1), T, fiveDays)).isFalse();
    }
}
