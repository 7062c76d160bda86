package crm.journey.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.Map;

/** What starts a run of a journey. Sealed so a new trigger kind (date reached, ...) is a compile error until handled. */
// Unset optional fields are left out of the JSON form, whichever mapper writes it (storage or the API).
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Trigger.SegmentEntered.class, name = "segment_entered"),
        @JsonSubTypes.Type(value = Trigger.EventHappened.class, name = "event")})
public sealed interface Trigger {

    /** A profile entered the segment (a segment-service transition with change "entered"). */
    record SegmentEntered(String segmentId) implements Trigger {
    }

    /**
     * A customer event with this name happened (crm.events.v1) and matches every entry of {@code where}: a path into
     * the event ({@code properties.total}, {@code context.page.path}, see {@link EventPaths}) and the value it must
     * equal (compared as text, so {@code 42} matches {@code "42"}).
     */
    record EventHappened(String event, Map<String, Object> where) implements Trigger {
        public EventHappened {
            where = where == null ? Map.of() : Map.copyOf(where);
        }
    }
}
