package crm.journey.runs;

import crm.events.ApiTokens;
import crm.journey.runtime.Database;
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

/** The journey runs of one profile of the calling workspace. */
@Path("/v1/profiles/{profileId}/runs")
@RolesAllowed(ApiTokens.WORKSPACE_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {
    static final int MAX_PROFILE_ID_LENGTH = 200;

    @Inject
    CallingWorkspace workspace;
    @Inject
    Database database;
    @Inject
    RunRepository runs;

    /** An unknown profile has no runs: an empty list, so the answer says nothing about other workspaces. */
    @GET
    public List<RunView> list(@PathParam("profileId") String profileId) {
        if (profileId.isBlank() || profileId.length() > MAX_PROFILE_ID_LENGTH) {
            throw ProblemException.badRequest("profileId must be 1 to " + MAX_PROFILE_ID_LENGTH + " characters", "profileId");
        }
        String workspaceId = workspace.id();
        return database.read(c -> runs.ofProfile(c, workspaceId, profileId));
    }
}
