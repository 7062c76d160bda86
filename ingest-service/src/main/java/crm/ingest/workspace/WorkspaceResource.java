package crm.ingest.workspace;

import crm.events.ApiTokens;
import crm.ingest.ServiceUnavailable;
import crm.web.CallingWorkspace;
import crm.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import java.sql.SQLException;

/** Workspaces: created with the admin token, read with the workspace's own API token. */
@Path("/v1/workspaces")
@Produces(MediaType.APPLICATION_JSON)
public class WorkspaceResource {
    @Inject
    WorkspaceRegistration registration;
    @Inject
    WorkspaceRepository workspaces;
    @Inject
    CallingWorkspace caller;

    @POST
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewWorkspace body, @Context UriInfo uri) {
        String name;
        try {
            name = Workspace.checkName(body == null ? null : body.name());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage(), "name");
        }
        WorkspaceCreated created = registration.register(name);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    /** The caller's own workspace; any other id is 404, as if it did not exist. */
    @GET
    @Path("/{id}")
    @RolesAllowed(ApiTokens.WORKSPACE_ROLE)
    public WorkspaceView get(@PathParam("id") String id) {
        if (!id.equals(caller.id())) throw ProblemException.notFound("no workspace " + id);
        try {
            return workspaces.find(id).map(WorkspaceView::of)
                    .orElseThrow(() -> ProblemException.notFound("no workspace " + id));
        } catch (SQLException e) {
            throw ServiceUnavailable.retryLater("the workspace store is unavailable, retry later");
        }
    }
}
