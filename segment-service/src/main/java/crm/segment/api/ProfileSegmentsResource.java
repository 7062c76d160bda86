package crm.segment.api;

import crm.events.ApiTokens;
import crm.segment.membership.MembershipRepository;
import crm.segment.membership.ProjectionRepository;
import crm.web.CallingWorkspace;
import crm.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The segments a profile is in now. A profile this workspace does not have is 404. */
@Path("/v1/profiles/{profileId}/segments")
@RolesAllowed(ApiTokens.WORKSPACE_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class ProfileSegmentsResource {
    @Inject
    CallingWorkspace workspace;
    @Inject
    MembershipRepository memberships;
    @Inject
    ProjectionRepository projection;

    @GET
    public List<MembershipRepository.ProfileSegment> segments(@PathParam("profileId") String profileId) {
        String workspaceId = workspace.id();
        List<MembershipRepository.ProfileSegment> found = memberships.ofProfile(workspaceId, profileId);
        if (found.isEmpty() && projection.find(workspaceId, profileId).isEmpty()) {
            throw ProblemException.notFound("no profile " + profileId);
        }
        return found;
    }
}
