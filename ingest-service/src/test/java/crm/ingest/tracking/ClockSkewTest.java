package crm.ingest.tracking;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ClockSkewTest {
    private static final Instant RECEIVED = Instant.parse("2024-05-01T12:00:00Z");

    @Test
    void a_client_clock_an_hour_behind_is_corrected_by_the_gap_between_timestamp_and_sent_at() {
        Instant timestamp = Instant.parse("2024-05-01T10:59:50Z");
        Instant sentAt = Instant.parse("2024-05-01T11:00:00Z");

        assertThat(ClockSkew.eventTime(RECEIVED, sentAt, timestamp)).isEqualTo(Instant.parse("2024-05-01T11:59:50Z"));
    }

    @Test
    void a_client_clock_ahead_is_corrected_too() {
        Instant timestamp = Instant.parse("2024-05-01T14:59:00Z");
        Instant sentAt = Instant.parse("2024-05-01T15:00:00Z");

        assertThat(ClockSkew.eventTime(RECEIVED, sentAt, timestamp)).isEqualTo(Instant.parse("2024-05-01T11:59:00Z"));
    }

    @Test
    void without_a_timestamp_the_event_happened_when_it_was_received() {
        assertThat(ClockSkew.eventTime(RECEIVED, Instant.parse("2020-01-01T00:00:00Z"), null)).isEqualTo(RECEIVED);
        assertThat(ClockSkew.eventTime(RECEIVED, null, null)).isEqualTo(RECEIVED);
    }

    @Test
    void a_timestamp_without_sent_at_is_taken_as_given() {
        Instant timestamp = Instant.parse("2024-04-30T08:00:00Z");

        assertThat(ClockSkew.eventTime(RECEIVED, null, timestamp)).isEqualTo(timestamp);
    }

    @Test
    void a_timestamp_equal_to_sent_at_means_it_happened_on_receipt() {
        Instant t = Instant.parse("2031-01-01T00:00:00Z");

        assertThat(ClockSkew.eventTime(RECEIVED, t, t)).isEqualTo(RECEIVED);
    }
}
