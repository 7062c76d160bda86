package crm.profile.privacy;

import crm.events.ApiTokens;
import crm.web.CallingWorkspace;
import crm.web.ProblemException;
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

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The calling workspace's GDPR data requests and their export documents; another workspace's ids answer 404. */
@Path("/v1/data-requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ApiTokens.WORKSPACE_ROLE)
public class DataRequestResource {
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 500;
    private static final Set<String> STATUSES = Set.of(DataRequests.PENDING, DataRequests.READY, DataRequests.NO_DATA_HELD);

    @Inject
    CallingWorkspace workspace;
    @Inject
    DataRequests requests;

    /** The list page. */
    public record Page(List<DataRequests.Summary> dataRequests) {
    }

    @GET
    @Operation(summary = "The workspace's data requests, newest first (without their documents)")
    public Page list(@Parameter(description = "pending, ready or no_data_held") @QueryParam("status") String status,
                     @Parameter(description = "1 to 500 (default 100)") @QueryParam("limit") Integer limit) throws SQLException {
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.badRequest("status must be pending, ready or no_data_held", "status");
        }
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) throw ProblemException.badRequest("limit must be between 1 and " + MAX_PAGE, "limit");
        return new Page(requests.list(workspace.id(), status, size));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One data request with its document: the export of every profile held about the customer")
    public DataRequests.Document get(@PathParam("id") String id) throws SQLException {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no data request " + id);
        }
        return requests.find(workspace.id(), uuid).orElseThrow(() -> ProblemException.notFound("no data request " + id));
    }
}
