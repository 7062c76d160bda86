package crm.ingest.workspace;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Write-key rotation, an admin call (admin token). */
@Path("/v1/workspaces/{id}/write-keys")
@Produces(MediaType.APPLICATION_JSON)
public class WriteKeyResource {
    @Inject
    WriteKeyRotation rotation;

    @POST
    @AdminOnly
    @Operation(summary = "Issue a new write key; the previous ones stay valid for crm.write-key.rotation-grace")
    @APIResponse(responseCode = "201", description = "the new key, shown only here")
    @APIResponse(responseCode = "401", description = "missing or invalid admin token")
    @APIResponse(responseCode = "404", description = "no such workspace")
    public Response rotate(@PathParam("id") String workspaceId) {
        return Response.status(Response.Status.CREATED).entity(rotation.rotate(workspaceId)).build();
    }
}
