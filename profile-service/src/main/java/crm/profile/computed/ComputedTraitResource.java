package crm.profile.computed;

import crm.events.ApiTokens;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The calling workspace's custom computed traits. A change is stored with its backfill queued and answers at once;
 * the backfill (ComputedTraitBackfill) recomputes every profile in the background, its progress on the definition.
 */
@Path("/v1/computed-traits")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ApiTokens.WORKSPACE_ROLE)
public class ComputedTraitResource {
    @Inject
    CallingWorkspace workspace;
    @Inject
    DataSource dataSource;
    @Inject
    InstantSource clock;
    @Inject
    ComputedTraitRepository definitions;
    /** Most custom computed traits one workspace may define: each one is computed on every event of every profile. */
    @ConfigProperty(name = "crm.profile.computed-traits.max-per-workspace", defaultValue = "50")
    int maxPerWorkspace;

    /** A definition as the API shows it. */
    public record View(String id, String name, ComputedTrait.Kind kind, String event, String property, ComputedTraitRequest.Where where,
                       Integer withinDays, int revision, ComputedTraitRepository.Backfill backfill, Instant createdAt, Instant updatedAt) {
        static View of(ComputedTraitRepository.Stored s) {
            ComputedTrait.Definition d = s.trait().definition();
            ComputedTraitRequest.Where where = d.where() == null ? null : new ComputedTraitRequest.Where(d.where().property(), d.where().value());
            return new View(s.trait().id().toString(), s.trait().name(), d.kind(), d.event(), d.property(), where, d.withinDays(),
                    s.trait().revision(), s.backfill(), s.createdAt(), s.updatedAt());
        }
    }

    /** The list. */
    public record Page(List<View> computedTraits, int max) {
    }

    @GET
    @Operation(summary = "The workspace's custom computed traits, by name, each with where its backfill stands")
    public Page list() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return new Page(definitions.list(c, workspace.id()).stream().map(View::of).toList(), maxPerWorkspace);
        }
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One custom computed trait")
    public View get(@PathParam("id") String id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return View.of(definitions.find(c, workspace.id(), uuid(id)).orElseThrow(() -> notFound(id)));
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Defines a custom computed trait; 201 with the definition, its backfill pending")
    public Response create(@RequestBody(content = @Content(schema = @Schema(implementation = ComputedTraitRequest.class))) String body)
            throws SQLException {
        ComputedTraitRequest request = valid(() -> ComputedTraitRequest.parse(body));
        String name = valid(request::validName);
        ComputedTrait.Definition definition = valid(request::definition);
        String ws = workspace.id();
        ComputedTrait trait = new ComputedTrait(UUID.randomUUID(), name, definition, 1);
        View view = inTransaction(c -> {
            definitions.lockWorkspace(c, ws);
            if (definitions.count(c, ws) >= maxPerWorkspace) {
                throw new ProblemException(Response.Status.CONFLICT, "a workspace may define at most " + maxPerWorkspace
                        + " computed traits; delete one first", "name");
            }
            if (definitions.nameTaken(c, ws, name, null)) throw nameTaken(name);
            definitions.insert(c, ws, trait, now());
            return View.of(definitions.find(c, ws, trait.id()).orElseThrow());
        });
        return Response.status(Response.Status.CREATED).entity(view).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replaces a custom computed trait's definition (a new revision); its backfill runs again")
    public View update(@PathParam("id") String id,
                       @RequestBody(content = @Content(schema = @Schema(implementation = ComputedTraitRequest.class))) String body)
            throws SQLException {
        UUID uuid = uuid(id);
        String ws = workspace.id();
        // Another workspace's id is 404 whatever the body, exactly as an id that never existed.
        if (inTransaction(c -> definitions.find(c, ws, uuid)).isEmpty()) throw notFound(id);
        ComputedTraitRequest request = valid(() -> ComputedTraitRequest.parse(body));
        String name = valid(request::validName);
        ComputedTrait.Definition definition = valid(request::definition);
        return inTransaction(c -> {
            definitions.lockWorkspace(c, ws);
            ComputedTraitRepository.Stored current = definitions.find(c, ws, uuid).orElseThrow(() -> notFound(id));
            if (definitions.nameTaken(c, ws, name, uuid)) throw nameTaken(name);
            if (current.trait().name().equals(name) && current.trait().definition().equals(definition)) return View.of(current);
            definitions.update(c, ws, new ComputedTrait(uuid, name, definition, current.trait().revision() + 1), now());
            return View.of(definitions.find(c, ws, uuid).orElseThrow());
        });
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Deletes a custom computed trait; the backfill takes its value out of every profile")
    public void delete(@PathParam("id") String id) throws SQLException {
        UUID uuid = uuid(id);
        String ws = workspace.id();
        inTransaction(c -> {
            definitions.lockWorkspace(c, ws);
            if (!definitions.markDeleted(c, ws, uuid, now())) throw notFound(id);
            return null;
        });
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static <T> T valid(java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidComputedTrait e) {
            throw ProblemException.badRequest(e.getMessage(), e.field());
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("no computed trait " + id);
    }

    private static ProblemException nameTaken(String name) {
        return new ProblemException(Response.Status.CONFLICT, "the workspace already has a computed trait named " + name, "name");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
