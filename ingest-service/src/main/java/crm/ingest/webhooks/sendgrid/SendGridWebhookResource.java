package crm.ingest.webhooks.sendgrid;

import crm.ingest.webhooks.JsonPayload;
import crm.ingest.webhooks.SignatureRefused;
import crm.ingest.webhooks.WebhookAccepted;
import crm.ingest.webhooks.WebhookHeaders;
import crm.ingest.webhooks.WebhookProvider;
import crm.ingest.webhooks.WebhookPublisher;
import crm.ingest.webhooks.WebhookSecrets;
import crm.web.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.InstantSource;
import java.util.List;

/**
 * SendGrid's signed Event Webhook: a JSON array of events, each published as a message event once (deduped on
 * sg_event_id). The signature covers X-Twilio-Email-Event-Webhook-Timestamp and the raw body.
 */
@Path("/v1/webhooks/sendgrid/{workspaceId}")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class SendGridWebhookResource {
    static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";

    @Inject
    WebhookSecrets secrets;
    @Inject
    WebhookPublisher publisher;
    @Inject
    InstantSource clock;

    @POST
    @Operation(summary = "SendGrid Event Webhook (ECDSA signature with the workspace's verification key)")
    @APIResponse(responseCode = "200", description = "verified; each new event published once")
    @APIResponse(responseCode = "400", description = "signed, but the body is not a JSON array")
    @APIResponse(responseCode = "401", description = "missing or invalid signature, or no such workspace/key")
    @APIResponse(responseCode = "503", description = "broker or database unavailable; SendGrid retries")
    public WebhookAccepted receive(@PathParam("workspaceId") String workspaceId, @Context HttpHeaders headers, byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        if (!SendGridSignature.verifiesWithAny(secrets.active(workspaceId, WebhookProvider.sendgrid),
                WebhookHeaders.first(headers, TIMESTAMP), raw, WebhookHeaders.first(headers, SIGNATURE))) {
            throw SignatureRefused.of(SIGNATURE);
        }
        List<?> batch = JsonPayload.parse(raw).filter(List.class::isInstance).map(l -> (List<?>) l)
                .orElseThrow(() -> ProblemException.badRequest("the body must be a JSON array of events", null));
        return WebhookAccepted.of(publisher.publish(workspaceId, WebhookProvider.sendgrid,
                SendGridMapping.map(workspaceId, batch, clock.instant())));
    }
}
