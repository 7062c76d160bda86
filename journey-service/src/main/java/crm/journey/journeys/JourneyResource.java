package crm.journey.journeys;

import crm.events.ApiTokens;
import crm.journey.runtime.Database;
import crm.web.CallingWorkspace;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The calling workspace's journeys. */
@Path("/v1/journeys")
@RolesAllowed(ApiTokens.WORKSPACE_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class JourneyResource {
    @Inject
    CallingWorkspace workspace;
    @Inject
    Database database;
    @Inject
    JourneyRepository journeys;

    @GET
    public List<JourneyView> list() {
        String workspaceId = workspace.id();
        return database.read(c -> journeys.ofWorkspace(c, workspaceId)).stream().map(JourneyView::of).toList();
    }
}
