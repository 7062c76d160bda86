package crm.profile.predictions;

import crm.events.ApiTokens;
import crm.web.CallingWorkspace;
import crm.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/** Predictions of the calling workspace: its BG/NBD model, each profile's prediction, and a refit on demand. */
@Path("/v1/predictions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ApiTokens.WORKSPACE_ROLE)
public class PredictionResource {
    @Inject
    CallingWorkspace workspace;
    @Inject
    DataSource dataSource;
    @Inject
    PredictionRepository predictions;
    @Inject
    PredictionRefit refit;

    @GET
    @Path("model")
    @Operation(summary = "The workspace's fitted BG/NBD model (time unit: days)")
    public PredictionViews.ModelView model() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return predictions.model(c, workspace.id()).map(PredictionViews.ModelView::of)
                    .orElseThrow(() -> ProblemException.notFound("the workspace has no fitted model yet: POST /v1/predictions/refit"));
        }
    }

    @GET
    @Path("profiles/{id}")
    @Operation(summary = "A profile's expected purchases in the next 90 days, P(alive), churn risk and 90-day CLV")
    public PredictionViews.ProfilePredictionView ofProfile(@PathParam("id") String id) throws SQLException {
        String ws = workspace.id();
        UUID profileId;
        try {
            profileId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no prediction for profile " + id);
        }
        try (Connection c = dataSource.getConnection()) {
            var stored = predictions.ofProfile(c, ws, profileId)
                    .orElseThrow(() -> ProblemException.notFound("no prediction for profile " + id
                            + ": unknown profile, no order yet, or the workspace was not fitted since its first order"));
            var model = predictions.model(c, ws).map(PredictionViews.ModelView::of).orElse(null);
            Prediction p = stored.prediction();
            return new PredictionViews.ProfilePredictionView(p.profileId(), ws, p.expectedPurchases90d(), p.pAlive(), p.churnRisk(),
                    p.clv90d(), p.averageBasket(), p.frequency(), p.recencyDays(), p.ageDays(), stored.predictedAt(), model);
        }
    }

    @POST
    @Path("refit")
    @Operation(summary = "Fit the workspace's model now, store every profile's prediction, republish the profiles that changed")
    public PredictionViews.RefitView refit() throws SQLException {
        try {
            PredictionRefit.Outcome o = refit.refit(workspace.id());
            return new PredictionViews.RefitView(PredictionViews.ModelView.of(o.model()), o.predicted(), o.changed());
        } catch (NotEnoughCustomers e) {
            throw new ProblemException(Response.Status.CONFLICT, e.getMessage(), null);
        } catch (PredictionRefit.AlreadyRunning e) {
            throw new ProblemException(Response.Status.CONFLICT, e.getMessage() + "; try again when it ends", null);
        }
    }
}
