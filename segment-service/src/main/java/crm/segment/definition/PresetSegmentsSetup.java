package crm.segment.definition;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.InstantSource;

/** Gives a workspace its preset segments, once: on its creation, or on its first profile if that comes first. */
@ApplicationScoped
public class PresetSegmentsSetup {
    @Inject
    SegmentRepository segments;
    @Inject
    InstantSource clock;

    /** For a workspace that was just created: adds every preset it lacks. */
    @Transactional
    public void prepare(String workspaceId) {
        Presets.of(workspaceId).forEach(s -> segments.addIfAbsent(s, clock.instant()));
    }

    /** For a workspace seen through a profile: adds the presets only if it has no segment at all yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void prepareIfUnknown(String workspaceId) {
        if (!segments.hasAny(workspaceId)) prepare(workspaceId);
    }
}
