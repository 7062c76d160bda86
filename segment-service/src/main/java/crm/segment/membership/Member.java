package crm.segment.membership;

import java.time.Instant;

/** A profile in a segment, as the members API lists it. */
public record Member(String profileId, Instant enteredAt) {
}
