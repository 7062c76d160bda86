package crm.profile.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A profile as the HTTP API shows it.
 *
 * @param traits     computed and stored traits, as published on crm.profiles.v1
 * @param identities every identifier of the profile by kind: {@code email}, {@code userId}, {@code anonymousId}
 */
public record ProfileView(
        String id,
        String workspaceId,
        long version,
        Map<String, Object> traits,
        Map<String, List<String>> identities,
        Instant createdAt,
        Instant updatedAt) {
}
