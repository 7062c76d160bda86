package crm.profile.api;

import crm.events.ApiTokens;
import crm.profile.ProfileRepository;
import crm.profile.identity.Identity;
import crm.profile.identity.IdentityKind;
import crm.profile.identity.IdentityRepository;
import crm.profile.traits.Profile;
import crm.profile.traits.ProfileTraits;
import crm.web.CallingWorkspace;
import crm.web.ProblemException;
import crm.events.Identities;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Profiles of the calling workspace. Another workspace's profiles do not exist for it: 404, never 403. */
@Path("/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ApiTokens.WORKSPACE_ROLE)
public class ProfileResource {
    @Inject
    CallingWorkspace workspace;
    @Inject
    DataSource dataSource;
    @Inject
    ProfileRepository profiles;
    @Inject
    IdentityRepository identities;

    @GET
    @Operation(summary = "The profile an identifier points to: email, else userId, else anonymousId")
    public ProfileView byIdentity(@Parameter(description = "any casing; compared trimmed and lower-cased") @QueryParam("email") String email,
                                  @QueryParam("userId") String userId,
                                  @QueryParam("anonymousId") String anonymousId) throws SQLException {
        Identity identity = identityAsked(email, userId, anonymousId);
        String ws = workspace.id();
        try (Connection c = dataSource.getConnection()) {
            Optional<UUID> id = identities.profileOf(c, ws, identity);
            if (id.isEmpty()) throw ProblemException.notFound("no profile with this " + identity.kind().apiName);
            return view(c, ws, id.get());
        }
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One profile by its id")
    public ProfileView byId(@PathParam("id") String id) throws SQLException {
        String ws = workspace.id();
        UUID profileId;
        try {
            profileId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            // An id that cannot exist is simply not found.
            throw ProblemException.notFound("no profile " + id);
        }
        try (Connection c = dataSource.getConnection()) {
            return view(c, ws, profileId);
        }
    }

    static Identity identityAsked(String email, String userId, String anonymousId) {
        String normalisedEmail = Identities.normaliseEmail(email);
        if (normalisedEmail != null) return new Identity(IdentityKind.EMAIL, normalisedEmail);
        if (userId != null && !userId.isBlank()) return new Identity(IdentityKind.USER_ID, userId.trim());
        if (anonymousId != null && !anonymousId.isBlank()) return new Identity(IdentityKind.ANONYMOUS_ID, anonymousId.trim());
        throw ProblemException.badRequest("give the query parameter email, userId or anonymousId", "email");
    }

    private ProfileView view(Connection c, String ws, UUID id) throws SQLException {
        Profile p = profiles.find(c, ws, id).orElseThrow(() -> ProblemException.notFound("no profile " + id));
        Map<String, List<String>> ids = new LinkedHashMap<>();
        identities.ofProfile(c, id).forEach((kind, values) -> ids.put(kind.apiName, values));
        return new ProfileView(p.id(), p.workspaceId(), p.version(), ProfileTraits.of(p), ids, p.createdAt(), p.updatedAt());
    }
}
