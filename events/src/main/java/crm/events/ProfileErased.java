package crm.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A profile was erased (GDPR erasure, Shopify customers/redact): every service deletes what it holds about it
 * (projections, memberships, runs, messages) and keeps nothing that identifies the person.
 *
 * @param reason who asked: "api", "shopify customers/redact", ...
 */
public record ProfileErased(String workspaceId, String profileId, Instant at, String reason) implements ProfileMessage {
    public ProfileErased {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(profileId, "profileId");
    }
}
