package crm.ingest.workspace;

import crm.ingest.webhooks.WebhookProvider;
import crm.ingest.webhooks.WebhookSecretFormat;
import crm.ingest.webhooks.WebhookSecrets;
import crm.web.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.sql.SQLException;
import java.util.List;

/**
 * Admin API for the secrets webhooks are signed with. A secret is write-only: answers say which providers have one
 * or two active secrets and since when, never the secrets.
 */
@Path("/v1/workspaces/{id}/webhook-secrets")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class WebhookSecretResource {
    @Inject
    WebhookSecrets secrets;
    @Inject
    WorkspaceRepository workspaces;

    @GET
    @Operation(summary = "Which providers have webhook secrets (never the secrets)")
    public List<WebhookSecrets.Status> list(@PathParam("id") String id) {
        requireWorkspace(id);
        return secrets.list(id);
    }

    @PUT
    @Path("/{provider}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a provider's secret; previous=keep (default) leaves the replaced one valid for a rotation")
    public WebhookSecrets.Status set(@PathParam("id") String id, @PathParam("provider") String provider,
                                     WebhookSecretChange body) {
        WebhookProvider p = provider(provider);
        String secret = body == null ? null : body.secret();
        WebhookSecretFormat.problem(p, secret).ifPresent(reason -> {
            throw ProblemException.badRequest(reason, "secret");
        });
        String previous = body.previous() == null ? "keep" : body.previous();
        if (!previous.equals("keep") && !previous.equals("drop")) {
            throw ProblemException.badRequest("previous must be \"keep\" or \"drop\"", "previous");
        }
        return secrets.set(id, p, secret, previous.equals("keep"))
                .orElseThrow(() -> ProblemException.notFound("no workspace " + id));
    }

    @DELETE
    @Path("/{provider}/previous")
    @Operation(summary = "End a rotation: only the current secret stays valid")
    public void retirePrevious(@PathParam("id") String id, @PathParam("provider") String provider) {
        WebhookProvider p = provider(provider);
        requireWorkspace(id);
        if (!secrets.retirePrevious(id, p)) throw ProblemException.notFound("no previous " + p + " secret");
    }

    @DELETE
    @Path("/{provider}")
    @Operation(summary = "Remove a provider's secrets: its webhooks are refused from now on")
    public void remove(@PathParam("id") String id, @PathParam("provider") String provider) {
        WebhookProvider p = provider(provider);
        requireWorkspace(id);
        if (!secrets.remove(id, p)) throw ProblemException.notFound("no " + p + " secret");
    }

    private static WebhookProvider provider(String name) {
        return WebhookProvider.of(name).orElseThrow(() -> ProblemException.notFound(
                "no provider " + name + "; one of shopify, woocommerce, sendgrid, twilio"));
    }

    private void requireWorkspace(String id) {
        try {
            if (workspaces.find(id).isEmpty()) throw ProblemException.notFound("no workspace " + id);
        } catch (SQLException e) {
            throw crm.ingest.ServiceUnavailable.retryLater("the workspace store is unavailable, retry later");
        }
    }
}
