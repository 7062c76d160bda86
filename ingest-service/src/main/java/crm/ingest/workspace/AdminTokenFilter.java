package crm.ingest.workspace;

import crm.web.ProblemException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.Optional;

/** Refuses {@link AdminOnly} calls without the admin token (crm.admin-token) with a 401 problem. */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminTokenFilter implements ContainerRequestFilter {
    private final AdminToken adminToken;

    public AdminTokenFilter(@ConfigProperty(name = "crm.admin-token") Optional<String> configured) {
        this.adminToken = AdminToken.of(configured);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!adminToken.admits(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            throw new ProblemException(Response.Status.UNAUTHORIZED, "missing or invalid admin token", null,
                    Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
        }
    }
}
