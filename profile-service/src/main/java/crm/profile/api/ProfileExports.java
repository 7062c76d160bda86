package crm.profile.api;

import crm.events.CustomerEvent;
import crm.profile.ProfileRepository;
import crm.profile.folding.TimelineRepository;
import crm.profile.identity.IdentityRepository;
import crm.profile.identity.MergeRepository;
import crm.profile.traits.Profile;
import crm.profile.traits.TimelineEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything held about a profile (GDPR access): the API's {@code GET /v1/profiles/{id}/export} and the documents of
 * data requests (crm.profile.privacy.DataRequests) are both this.
 */
@ApplicationScoped
public class ProfileExports {
    @Inject
    ProfileRepository profiles;
    @Inject
    IdentityRepository identities;
    @Inject
    MergeRepository merges;
    @Inject
    TimelineRepository timeline;

    /** The profile as the API shows it; empty when the workspace has no such profile. */
    public Optional<ProfileView> view(Connection c, String ws, UUID id) throws SQLException {
        Optional<Profile> found = profiles.find(c, ws, id);
        if (found.isEmpty()) return Optional.empty();
        Profile p = found.get();
        Map<String, List<String>> ids = new LinkedHashMap<>();
        identities.ofProfile(c, id).forEach((kind, values) -> ids.put(kind.apiName, values));
        return Optional.of(new ProfileView(p.id(), p.workspaceId(), p.version(), p.traits(), ids, p.createdAt(), p.updatedAt()));
    }

    /** The export of the profile; empty when the workspace has no such profile. */
    public Optional<ProfileResource.ProfileExport> export(Connection c, String ws, UUID profileId, Instant at) throws SQLException {
        Optional<ProfileView> view = view(c, ws, profileId);
        if (view.isEmpty()) return Optional.empty();
        List<CustomerEvent> events = timeline.of(c, profileId).stream().sorted(TimelineEvent.ORDER).map(TimelineEvent::event).toList();
        List<String> merged = merges.mergedInto(c, profileId).stream().map(UUID::toString).toList();
        return Optional.of(new ProfileResource.ProfileExport(view.get(), ProfileResource.ConsentView.of(profiles.state(c, profileId)),
                events, merged, at));
    }
}
