package crm.segment.api;

import crm.events.ApiTokens;
import crm.segment.backfill.BackfillRepository;
import crm.segment.condition.Condition;
import crm.segment.condition.ConditionJson;
import crm.segment.condition.ConditionShape;
import crm.segment.condition.ConditionSql;
import crm.segment.condition.Evaluation;
import crm.segment.condition.SegmentRef;
import crm.segment.definition.SegmentDefinitions;
import crm.segment.definition.SegmentRepository;
import crm.segment.definition.SegmentSummary;
import crm.segment.history.SizeHistory;
import crm.segment.membership.Member;
import crm.segment.membership.MembershipRepository;
import crm.segment.membership.ProjectionQueries;
import crm.segment.statistics.PopulationStatistics;
import crm.segment.statistics.StatisticsRepository;
import crm.web.CallingWorkspace;
import crm.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriBuilder;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Segments of the calling workspace and their members. Another workspace's segments do not exist here (404). */
@Path("/v1/segments")
@RolesAllowed(ApiTokens.WORKSPACE_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class SegmentResource {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_SAMPLE = 10;
    static final int MAX_SAMPLE = 100;
    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;

    @Inject
    CallingWorkspace workspace;
    @Inject
    SegmentRepository segments;
    @Inject
    SegmentDefinitions definitions;
    @Inject
    MembershipRepository memberships;
    @Inject
    ProjectionQueries projection;
    @Inject
    PopulationStatistics statistics;
    @Inject
    StatisticsRepository storedStatistics;
    @Inject
    SizeHistory history;
    @Inject
    BackfillRepository backfills;
    @Inject
    InstantSource clock;

    @GET
    public List<SegmentSummary> list() {
        return segments.summaries(workspace.id());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(SegmentRequest request) {
        SegmentRequest body = required(request);
        String workspaceId = workspace.id();
        SegmentRepository.Stored created = definitions.create(workspaceId, body.name(), body.condition(), body.ast());
        return Response.created(UriBuilder.fromPath("/v1/segments/{id}").build(created.segment().id()))
                .entity(view(workspaceId, created)).build();
    }

    @GET
    @Path("{id}")
    public SegmentView get(@PathParam("id") String id) {
        String workspaceId = workspace.id();
        SegmentRepository.Stored stored = segments.find(workspaceId, id).orElseThrow(() -> notFound(id));
        return view(workspaceId, stored);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SegmentView update(@PathParam("id") String id, SegmentRequest request) {
        SegmentRequest body = required(request);
        String workspaceId = workspace.id();
        if (!segments.exists(workspaceId, id)) throw notFound(id);
        SegmentRepository.Stored updated = definitions.update(workspaceId, id, body.name(), body.condition(), body.ast())
                .orElseThrow(() -> notFound(id));
        return view(workspaceId, updated);
    }

    private SegmentView view(String workspaceId, SegmentRepository.Stored stored) {
        String id = stored.segment().id();
        return SegmentView.of(stored, memberships.count(workspaceId, id), backfills.find(workspaceId, id).orElse(null));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        if (!definitions.delete(workspace.id(), id)) throw notFound(id);
        return Response.noContent().build();
    }

    @POST
    @Path("validate")
    @Consumes(MediaType.APPLICATION_JSON)
    public ConditionCheck validate(ConditionRequest request) {
        ConditionRequest body = required(request);
        Condition condition = definitions.read(workspace.id(), null, null, body.condition(), body.ast());
        return new ConditionCheck(true, condition.toText(), ConditionJson.write(condition), ConditionShape.readsClock(condition),
                ConditionShape.readsStatistics(condition),
                ConditionShape.references(condition).stream().map(SegmentRef::describe).toList());
    }

    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    public Preview preview(ConditionRequest request) {
        ConditionRequest body = required(request);
        int sample = body.sample() == null ? DEFAULT_SAMPLE : body.sample();
        if (sample < 0 || sample > MAX_SAMPLE) throw ProblemException.badRequest("sample must be from 0 to " + MAX_SAMPLE, "sample");
        String workspaceId = workspace.id();
        Condition condition = definitions.read(workspaceId, null, null, body.condition(), body.ast());
        Evaluation evaluation = new Evaluation(clock.instant(), statistics.forCondition(workspaceId, condition),
                segments.workspace(workspaceId).lookup());
        ConditionSql.Compiled sql = ConditionSql.compile(condition, evaluation, "p.facts");
        return new Preview(condition.toText(), ConditionJson.write(condition), evaluation.now(), projection.count(workspaceId, sql),
                sample == 0 ? List.of() : projection.sample(workspaceId, sql, sample));
    }

    @GET
    @Path("{id}/members")
    public MembersPage members(@PathParam("id") String id, @QueryParam("limit") String limit, @QueryParam("after") String after) {
        int size = limit(limit);
        String afterProfile = after == null ? null : MemberCursor.profileId(after)
                .orElseThrow(() -> ProblemException.badRequest("after is not a cursor from a previous page", "after"));
        String workspaceId = workspace.id();
        if (!segments.exists(workspaceId, id)) throw notFound(id);

        // One more than asked tells whether a next page exists.
        List<Member> found = memberships.page(workspaceId, id, afterProfile, size + 1);
        if (found.size() <= size) return new MembersPage(found, null);
        List<Member> items = found.subList(0, size);
        return new MembersPage(List.copyOf(items), MemberCursor.after(items.get(size - 1).profileId()));
    }

    /** Every member as CSV (profile_id, email, first_name, last_name, entered_at), streamed from a database cursor. */
    @GET
    @Path("{id}/members.csv")
    @Produces("text/csv")
    public Response membersCsv(@PathParam("id") String id) {
        String workspaceId = workspace.id();
        if (!segments.exists(workspaceId, id)) throw notFound(id);
        StreamingOutput csv = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write("profile_id,email,first_name,last_name,entered_at\r\n");
            projection.members(workspaceId, id, m -> {
                writer.write(Csv.row(m.profileId(), m.email(), m.firstName(), m.lastName(),
                        DateTimeFormatter.ISO_INSTANT.format(m.enteredAt())));
            });
            writer.flush();
        };
        return Response.ok(csv, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"segment-" + id + ".csv\"").build();
    }

    @GET
    @Path("{id}/history")
    public HistoryView history(@PathParam("id") String id, @QueryParam("days") String days) {
        int span = bounded(days, DEFAULT_DAYS, 1, MAX_DAYS, "days");
        String workspaceId = workspace.id();
        if (!segments.exists(workspaceId, id)) throw notFound(id);
        return new HistoryView(id, history.of(workspaceId, id, history.today().minusDays(span - 1L)));
    }

    @GET
    @Path("statistics")
    public StatisticsView statistics() {
        return storedStatistics.find(workspace.id())
                .map(s -> new StatisticsView(s.population(), s.computedAt(), null, null))
                .orElseThrow(() -> ProblemException.notFound("no statistics computed yet; POST /v1/segments/statistics/refresh"));
    }

    @POST
    @Path("statistics/refresh")
    public StatisticsView refreshStatistics() {
        PopulationStatistics.Refresh refresh = statistics.refresh(workspace.id());
        return new StatisticsView(refresh.population(), refresh.computedAt(), refresh.changed(), refresh.membershipChanges());
    }

    private static <T> T required(T body) {
        if (body == null) throw ProblemException.badRequest("a JSON body is required", null);
        return body;
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("no segment " + id);
    }

    private static int limit(String limit) {
        return bounded(limit, DEFAULT_LIMIT, 1, MAX_LIMIT, "limit");
    }

    private static int bounded(String value, int byDefault, int min, int max, String field) {
        if (value == null) return byDefault;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest(field + " must be a whole number from " + min + " to " + max + ", was '" + value + "'", field);
    }
}
