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
import java.util.UUID;

/** Journey runs of the calling workspace: those of one profile, and the timeline of one run. */
@Path("/v1")
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
    @Path("/profiles/{profileId}/runs")
    public List<RunView> list(@PathParam("profileId") String profileId) {
        if (profileId.isBlank() || profileId.length() > MAX_PROFILE_ID_LENGTH) {
            throw ProblemException.badRequest("profileId must be 1 to " + MAX_PROFILE_ID_LENGTH + " characters", "profileId");
        }
        String workspaceId = workspace.id();
        return database.read(c -> runs.ofProfile(c, workspaceId, profileId));
    }

    /** A run's timeline: its steps in order with their outcomes and messages, its timer and what it waits for. */
    @GET
    @Path("/runs/{runId}")
    public RunTimeline timeline(@PathParam("runId") String runId) {
        UUID id;
        try {
            id = UUID.fromString(runId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no run " + runId);
        }
        String workspaceId = workspace.id();
        return database.read(c -> runs.timeline(c, workspaceId, id)).orElseThrow(() -> ProblemException.notFound("no run " + runId));
    }
}
