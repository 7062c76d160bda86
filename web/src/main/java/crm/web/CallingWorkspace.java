package crm.web;

import crm.events.ApiTokens;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The workspace of the current request, taken from its verified API token. Every query of a workspace API filters on
 * it, so one workspace never sees another's data.
 */
@RequestScoped
public class CallingWorkspace {
    @Inject
    JsonWebToken token;

    public String id() {
        Object ws = token.getClaim(ApiTokens.WORKSPACE_CLAIM);
        if (ws == null) throw ProblemException.unauthorized("the API token names no workspace");
        return ws.toString();
    }
}
