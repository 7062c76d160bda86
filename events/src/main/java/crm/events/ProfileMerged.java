package crm.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Two profiles turned out to be one customer: {@code mergedId} is folded into {@code profileId} (the survivor) and no
 * longer exists. Consumers move what they hold for the merged profile (memberships, runs) to the survivor. A
 * {@link ProfileChanged} of the survivor follows. Keyed by the survivor's id.
 */
public record ProfileMerged(String workspaceId, String profileId, String mergedId, Instant at) implements ProfileMessage {
    public ProfileMerged {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(mergedId, "mergedId");
    }
}
