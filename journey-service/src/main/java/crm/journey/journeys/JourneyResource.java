package crm.journey.journeys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import crm.events.ApiTokens;
import crm.events.Json;
import crm.journey.definition.DefinitionValidator;
import crm.journey.definition.Violation;
import crm.journey.runtime.Database;
import crm.journey.sends.MessageTemplates;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The calling workspace's journeys: create (as a draft), read, change (a new version: runs already started finish on
 * theirs), delete (archived), activate, pause, resume; and the templates ready to activate. Other workspaces' journeys
 * answer 404.
 */
@Path("/v1/journeys")
@RolesAllowed(ApiTokens.WORKSPACE_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class JourneyResource {
    static final int MAX_NAME_LENGTH = 200;

    @Inject
    CallingWorkspace workspace;
    @Inject
    Database database;
    @Inject
    JourneyRepository journeys;
    @Inject
    InstantSource clock;

    @GET
    public List<JourneyView> list() {
        String workspaceId = workspace.id();
        return database.read(c -> journeys.ofWorkspace(c, workspaceId)).stream().map(JourneyView::of).toList();
    }

    @GET
    @Path("/{id}")
    public JourneyView get(@PathParam("id") String id) {
        String workspaceId = workspace.id();
        return JourneyView.of(database.read(c -> journeys.find(c, workspaceId, id))
                .filter(j -> j.status() != JourneyStatus.archived).orElseThrow(() -> notFound(id)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(byte[] body) {
        JourneyRequest request = valid(body);
        String workspaceId = workspace.id();
        Journey journey = new Journey(UUID.randomUUID().toString(), workspaceId, null, request.name().trim(),
                JourneyStatus.draft, request.definition(), 1, clock.instant());
        database.inTransaction(c -> journeys.insert(c, journey));
        return Response.created(URI.create("/v1/journeys/" + journey.id())).entity(JourneyView.of(journey)).build();
    }

    /** A new version of the definition; the journey keeps its status. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JourneyView update(@PathParam("id") String id, byte[] body) {
        JourneyRequest request = valid(body);
        String workspaceId = workspace.id();
        return JourneyView.of(database.inTransaction(c -> {
            Journey current = journeys.findForUpdate(c, workspaceId, id)
                    .filter(j -> j.status() != JourneyStatus.archived).orElseThrow(() -> notFound(id));
            int version = journeys.update(c, current, request.name().trim(), request.definition(), clock.instant());
            return new Journey(current.id(), workspaceId, current.templateKey(), request.name().trim(), current.status(),
                    request.definition(), version, current.createdAt());
        }));
    }

    /** Archives the journey: it starts nothing more and is no longer listed; its runs finish and keep their history. */
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        changeStatus(id, JourneyStatus.archived, Set.of(JourneyStatus.draft, JourneyStatus.active, JourneyStatus.paused));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/activate")
    public JourneyView activate(@PathParam("id") String id) {
        return changeStatus(id, JourneyStatus.active, Set.of(JourneyStatus.draft, JourneyStatus.paused, JourneyStatus.active));
    }

    /** Starts no more runs; the runs already started go on. */
    @POST
    @Path("/{id}/pause")
    public JourneyView pause(@PathParam("id") String id) {
        return changeStatus(id, JourneyStatus.paused, Set.of(JourneyStatus.active, JourneyStatus.paused));
    }

    @POST
    @Path("/{id}/resume")
    public JourneyView resume(@PathParam("id") String id) {
        return changeStatus(id, JourneyStatus.active, Set.of(JourneyStatus.paused, JourneyStatus.active));
    }

    @GET
    @Path("/templates")
    public List<TemplateView> templates() {
        String workspaceId = workspace.id();
        return JourneyTemplates.all(workspaceId).stream().map(t -> new TemplateView(t.key(), t.name(), t.description(),
                JourneyTemplates.journeyId(workspaceId, t.key()))).toList();
    }

    /** Creates the workspace's journey from the template if it has none, and activates it. */
    @POST
    @Path("/templates/{key}/activate")
    public JourneyView activateTemplate(@PathParam("key") String key) {
        String workspaceId = workspace.id();
        JourneyTemplate template = JourneyTemplates.byKey(workspaceId, key)
                .orElseThrow(() -> ProblemException.notFound("no journey template '" + key + "'"));
        String id = JourneyTemplates.journeyId(workspaceId, key);
        return JourneyView.of(database.inTransaction(c -> {
            journeys.createFromTemplate(c, workspaceId, template, JourneyStatus.active, clock.instant());
            Journey j = journeys.findForUpdate(c, workspaceId, id).orElseThrow();
            if (j.status() != JourneyStatus.active) journeys.setStatus(c, workspaceId, id, JourneyStatus.active, clock.instant());
            return journeys.find(c, workspaceId, id).orElseThrow();
        }));
    }

    private JourneyView changeStatus(String id, JourneyStatus to, Set<JourneyStatus> from) {
        String workspaceId = workspace.id();
        return JourneyView.of(database.inTransaction(c -> {
            Journey j = journeys.findForUpdate(c, workspaceId, id)
                    .filter(x -> x.status() != JourneyStatus.archived).orElseThrow(() -> notFound(id));
            if (!from.contains(j.status())) {
                throw new ProblemException(Response.Status.CONFLICT, "journey " + id + " is " + j.status() + "; cannot become " + to, "status");
            }
            if (j.status() != to) journeys.setStatus(c, workspaceId, id, to, clock.instant());
            return journeys.find(c, workspaceId, id).orElseThrow();
        }));
    }

    /**
     * Reads and validates a journey body; every mistake is a 400 naming the field. The raw bytes go to Jackson, which
     * refuses what is not UTF-8 (a String body would have been decoded with replacement characters, silently).
     */
    static JourneyRequest valid(byte[] body) {
        if (body == null || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw ProblemException.badRequest("a JSON body {name, definition} is required", "name");
        }
        JourneyRequest request;
        try {
            request = Json.MAPPER.readValue(body, JourneyRequest.class);
        } catch (JsonMappingException e) {
            throw ProblemException.badRequest(field(e) + ": " + e.getOriginalMessage(), field(e));
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("not valid JSON: " + e.getOriginalMessage(), "body");
        } catch (java.io.IOException e) {
            // Reading from a byte array: only malformed input gets here.
            throw ProblemException.badRequest("not valid JSON: " + e.getMessage(), "body");
        }
        if (request == null) throw ProblemException.badRequest("a JSON body {name, definition} is required", "name");
        if (request.name() == null || request.name().isBlank()) throw ProblemException.badRequest("name is required", "name");
        if (request.name().length() > MAX_NAME_LENGTH) {
            throw ProblemException.badRequest("name must be at most " + MAX_NAME_LENGTH + " characters", "name");
        }
        if (request.definition() == null) throw ProblemException.badRequest("definition is required", "definition");
        List<Violation> violations = new DefinitionValidator(MessageTemplates.byChannel()).violations(request.definition());
        if (!violations.isEmpty()) {
            Violation first = violations.get(0);
            String detail = String.join("; ", violations.stream().map(v -> "definition." + v.field() + ": " + v.message()).toList());
            throw ProblemException.badRequest(detail, "definition." + first.field());
        }
        return request;
    }

    /** The JSON path of a mapping error, as the API names fields: definition.steps[1].type. */
    static String field(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) out.append('.');
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.length() == 0 ? "body" : out.toString();
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("no journey " + id);
    }
}
