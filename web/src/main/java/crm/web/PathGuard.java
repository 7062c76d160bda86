package crm.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a path with a NUL or another control character (e.g. {@code %00}) before any resource sees it: no id of
 * ours holds one, and PostgreSQL refuses NUL in text, which would otherwise surface as a 5xx.
 */
public class PathGuard {

    @ServerRequestFilter(preMatching = true)
    public Response refuseControlCharacters(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        for (int i = 0; i < path.length(); i++) {
            if (Character.isISOControl(path.charAt(i))) {
                return Problem.of(Response.Status.BAD_REQUEST, "the path contains a control character", "path").toResponse();
            }
        }
        return null;
    }
}
