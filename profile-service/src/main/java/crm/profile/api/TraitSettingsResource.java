package crm.profile.api;

import crm.events.ApiTokens;
import crm.profile.traits.TraitSettings;
import crm.profile.traits.TraitSettingsRepository;
import crm.web.CallingWorkspace;
import crm.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;

/**
 * The calling workspace's settings of computed traits: engagement weights and the B2B page path. They apply to every
 * profile change from then on (the B2B path to the visits folded from then on).
 */
@Path("/v1/trait-settings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ApiTokens.WORKSPACE_ROLE)
public class TraitSettingsResource {
    @Inject
    CallingWorkspace workspace;
    @Inject
    DataSource dataSource;
    @Inject
    InstantSource clock;
    @Inject
    TraitSettingsRepository settings;

    @GET
    @Operation(summary = "The workspace's trait settings (defaults until set)")
    public TraitSettings get() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return settings.of(c, workspace.id());
        }
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sets the engagement weights (missing ones take their default) and the B2B page path")
    public TraitSettings put(TraitSettings body) throws SQLException {
        TraitSettings s = body == null ? TraitSettings.DEFAULT : body;
        TraitSettings.EngagementWeights w = s.engagementWeights();
        nonNegative(w.visits(), "visits");
        nonNegative(w.emailOpens(), "emailOpens");
        nonNegative(w.emailClicks(), "emailClicks");
        nonNegative(w.productVisits(), "productVisits");
        if (s.b2bPagePath() != null && !s.b2bPagePath().startsWith("/")) {
            throw ProblemException.badRequest("b2bPagePath must be a path starting with /", "b2bPagePath");
        }
        try (Connection c = dataSource.getConnection()) {
            settings.save(c, workspace.id(), s, clock.instant());
        }
        return s;
    }

    private static void nonNegative(BigDecimal weight, String name) {
        if (weight.signum() < 0) throw ProblemException.badRequest(name + " must not be negative", "engagementWeights." + name);
    }
}
