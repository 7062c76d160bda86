package crm.journey.journeys;

import crm.journey.definition.JourneyDefinition;

import java.time.Instant;

/**
 * A journey of one workspace. {@code version} grows with every change of the definition; each run records the version
 * it started on.
 *
 * @param templateKey the template it was created from (one journey per template and workspace), null for a custom one
 */
public record Journey(
        String id,
        String workspaceId,
        String templateKey,
        String name,
        JourneyStatus status,
        JourneyDefinition definition,
        int version,
        Instant createdAt) {

    /** Whether a profile entering the segment starts a run of this journey now. */
    public boolean startsOnEntering(String segmentId) {
        return status == JourneyStatus.active && definition.isTriggeredByEntering(segmentId) && definition.firstStep().isPresent();
    }
}
