package crm.profile.kpis;

import crm.events.ApiTokens;
import crm.profile.predictions.CustomerOrdersRepository;
import crm.web.CallingWorkspace;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;

/** The calling workspace's KPIs, computed from its profiles' orders at the time of the request. */
@Path("/v1/kpis")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ApiTokens.WORKSPACE_ROLE)
public class KpiResource {
    @Inject
    CallingWorkspace workspace;
    @Inject
    DataSource dataSource;
    @Inject
    InstantSource clock;
    @Inject
    CustomerOrdersRepository orders;

    @GET
    @Operation(summary = "Customers, repeat purchase rate, average order value, average LTV, churn rate (no order in 120 days), "
            + "30/60/90-day repeat purchase rates")
    public WorkspaceKpis kpis() throws SQLException {
        String ws = workspace.id();
        try (Connection c = dataSource.getConnection()) {
            return WorkspaceKpis.of(ws, orders.ofWorkspace(c, ws), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        }
    }
}
