package crm.profile.traits;

import crm.events.CustomerEvent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;

/** An event of a profile's timeline at its own time (kept to the microsecond, as PostgreSQL stores it). */
public record TimelineEvent(Instant at, CustomerEvent event) {
    /** Time order, ties broken by event id, so every replay folds the same events in the same order. */
    public static final Comparator<TimelineEvent> ORDER =
            Comparator.comparing(TimelineEvent::at).thenComparing(t -> t.event().id());

    public TimelineEvent {
        at = at.truncatedTo(ChronoUnit.MICROS);
    }

    /** The event at its own time: when it happened, else when ingest received it, else {@code fallback}. */
    public static TimelineEvent of(CustomerEvent event, Instant fallback) {
        Instant at = event.timestamp() != null ? event.timestamp() : event.receivedAt() != null ? event.receivedAt() : fallback;
        return new TimelineEvent(at, event);
    }

    /** True when this event comes after the latest one the state folded. */
    public boolean isAfter(ProfileState state) {
        if (state.lastAt == null) return true;
        int c = at.compareTo(state.lastAt);
        return c > 0 || (c == 0 && event.id().compareTo(state.lastEventId) > 0);
    }
}
