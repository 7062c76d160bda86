package crm.segment.api;

import crm.events.ApiTokens;
import crm.segment.definition.SegmentRepository;
import crm.segment.definition.SegmentSummary;
import crm.segment.membership.Member;
import crm.segment.membership.MembershipRepository;
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

import java.util.List;

/** Segments of the calling workspace and their members. Another workspace's segments do not exist here (404). */
@Path("/v1/segments")
@RolesAllowed(ApiTokens.WORKSPACE_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class SegmentResource {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    @Inject
    CallingWorkspace workspace;
    @Inject
    SegmentRepository segments;
    @Inject
    MembershipRepository memberships;

    @GET
    public List<SegmentSummary> list() {
        return segments.summaries(workspace.id());
    }

    @GET
    @Path("{id}/members")
    public MembersPage members(@PathParam("id") String id, @QueryParam("limit") String limit, @QueryParam("after") String after) {
        int size = limit(limit);
        String afterProfile = after == null ? null : MemberCursor.profileId(after)
                .orElseThrow(() -> ProblemException.badRequest("after is not a cursor from a previous page", "after"));
        String workspaceId = workspace.id();
        if (!segments.exists(workspaceId, id)) throw ProblemException.notFound("no segment " + id);

        // One more than asked tells whether a next page exists.
        List<Member> found = memberships.page(workspaceId, id, afterProfile, size + 1);
        if (found.size() <= size) return new MembersPage(found, null);
        List<Member> items = found.subList(0, size);
        return new MembersPage(List.copyOf(items), MemberCursor.after(items.get(size - 1).profileId()));
    }

    private static int limit(String limit) {
        if (limit == null) return DEFAULT_LIMIT;
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= MAX_LIMIT) return n;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ", was '" + limit + "'", "limit");
    }
}
