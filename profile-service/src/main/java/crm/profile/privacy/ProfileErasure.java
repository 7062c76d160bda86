package crm.profile.privacy;

import crm.events.ProfileErased;
import crm.profile.ProfileRepository;
import crm.profile.folding.OrderRepository;
import crm.profile.folding.TimelineRepository;
import crm.profile.identity.IdentityRepository;
import crm.profile.identity.MergeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Deletes everything held about a profile (GDPR erasure, Shopify customers/redact): timeline, identities, orders,
 * merges, the profile itself, and what other features keep ({@link ProfileErasing}). The caller publishes the answer
 * before it commits, so a failed publish leaves the profile in place to be erased again.
 */
@ApplicationScoped
public class ProfileErasure {
    @Inject
    ProfileRepository profiles;
    @Inject
    TimelineRepository timeline;
    @Inject
    IdentityRepository identities;
    @Inject
    OrderRepository orders;
    @Inject
    MergeRepository merges;
    @Inject
    Event<ProfileErasing> erasing;

    public ProfileErased erase(Connection c, String workspaceId, UUID profileId, String reason, Instant now) throws SQLException {
        erasing.fire(new ProfileErasing(c, workspaceId, profileId));
        timeline.deleteOf(c, profileId);
        identities.deleteOf(c, profileId);
        orders.deleteOf(c, profileId);
        merges.deleteOf(c, profileId);
        profiles.delete(c, profileId);
        return new ProfileErased(workspaceId, profileId.toString(), now, reason);
    }

    /**
     * After every profile of a workspace was erased: what the workspace itself kept (settings, computed trait
     * definitions, the fitted model, data requests, corrections waiting for their order). Processed event ids stay,
     * opaque, so redelivered old events do not bring anyone back.
     */
    public void eraseWorkspaceData(Connection c, String workspaceId) throws SQLException {
        for (String table : new String[] {"trait_settings", "computed_traits", "prediction_models", "data_requests",
                "pending_order_events", "profile_merges"}) {
            try (java.sql.PreparedStatement s = c.prepareStatement("delete from " + table + " where workspace_id = ?")) {
                s.setString(1, workspaceId);
                s.executeUpdate();
            }
        }
    }
}
