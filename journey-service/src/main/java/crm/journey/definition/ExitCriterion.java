package crm.journey.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Ends a running run at once, whatever step it is at (status "exited"). */
// Unset optional fields are left out of the JSON form, whichever mapper writes it (storage or the API).
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ExitCriterion.EventHappened.class, name = "event"),
        @JsonSubTypes.Type(value = ExitCriterion.SegmentExited.class, name = "segment_exited")})
public sealed interface ExitCriterion {

    /**
     * An event with this name for the run's profile. With {@code matchEntryKey} (a path into the event, e.g.
     * {@code properties.checkout_id}), only the runs whose entry key equals that value leave: the order of that cart.
     */
    record EventHappened(String event, String matchEntryKey) implements ExitCriterion {
    }

    /** The profile left the segment. */
    record SegmentExited(String segmentId) implements ExitCriterion {
    }
}
