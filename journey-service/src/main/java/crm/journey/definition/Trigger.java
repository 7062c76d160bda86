package crm.journey.definition;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What starts a run of a journey. Sealed so a new trigger kind (event happened, date reached) is a compile error until handled. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = Trigger.SegmentEntered.class, name = "segment_entered")})
public sealed interface Trigger {

    /** A profile entered the segment (a segment-service transition with change "entered"). */
    record SegmentEntered(String segmentId) implements Trigger {
    }
}
