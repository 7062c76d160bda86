package crm.ingest.webhooks.shopify;

import crm.ingest.webhooks.BodyDigest;
import crm.ingest.webhooks.Hmac;
import crm.ingest.webhooks.JsonPayload;
import crm.ingest.webhooks.PayloadFields;
import crm.ingest.webhooks.SignatureRefused;
import crm.ingest.webhooks.SignedDelivery;
import crm.ingest.webhooks.WebhookAccepted;
import crm.ingest.webhooks.WebhookHeaders;
import crm.ingest.webhooks.WebhookProvider;
import crm.ingest.webhooks.WebhookPublisher;
import crm.ingest.webhooks.WebhookSecrets;
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

import java.time.Instant;
import java.time.InstantSource;

/**
 * Shopify webhooks. The HMAC is checked over the raw bytes before anything is parsed; a verified delivery is mapped,
 * deduped on X-Shopify-Webhook-Id and answered once the broker has the event (well inside Shopify's 5 s). A verified
 * delivery is never refused (Shopify deletes subscriptions that keep failing): one that cannot be mapped is
 * dead-lettered and answered 200.
 */
@Path("/v1/webhooks/shopify/{workspaceId}")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class ShopifyWebhookResource {
    static final String SIGNATURE = "X-Shopify-Hmac-Sha256";

    @Inject
    WebhookSecrets secrets;
    @Inject
    WebhookPublisher publisher;
    @Inject
    InstantSource clock;

    @POST
    @Operation(summary = "Shopify webhook (any topic; X-Shopify-Hmac-Sha256 over the raw body with the workspace's secret)")
    @APIResponse(responseCode = "200", description = "verified; published once (replays and unused topics publish "
            + "nothing; a delivery that cannot be mapped is kept on the dead-letter topic)")
    @APIResponse(responseCode = "401", description = "missing or invalid signature, or no such workspace/secret")
    @APIResponse(responseCode = "503", description = "broker or database unavailable; Shopify retries")
    public WebhookAccepted receive(@PathParam("workspaceId") String workspaceId, @Context HttpHeaders headers, byte[] body) {
        Instant receivedAt = clock.instant();
        byte[] raw = body == null ? new byte[0] : body;
        String signature = header(headers, SIGNATURE, "Shopify-Hmac-Sha256");
        if (!Hmac.matchesAny(Hmac.SHA256, secrets.active(workspaceId, WebhookProvider.shopify), raw, signature)) {
            throw SignatureRefused.of(SIGNATURE);
        }
        String webhookId = header(headers, "X-Shopify-Webhook-Id", "Shopify-Webhook-Id");
        if (webhookId == null || webhookId.length() > 200) webhookId = "sha256-" + BodyDigest.sha256(raw);
        String topic = header(headers, "X-Shopify-Topic", "Shopify-Topic");
        ShopifyDelivery delivery = new ShopifyDelivery(workspaceId, topic, webhookId,
                header(headers, "X-Shopify-Shop-Domain", "Shopify-Shop-Domain"),
                PayloadFields.instant(header(headers, "X-Shopify-Triggered-At", "Shopify-Triggered-At")), receivedAt,
                JsonPayload.object(raw).orElse(null));
        return publisher.accept(new SignedDelivery(workspaceId, WebhookProvider.shopify, topic, webhookId, signature,
                receivedAt, raw), () -> ShopifyMapping.map(delivery));
    }

    private static String header(HttpHeaders headers, String name, String alternative) {
        return WebhookHeaders.first(headers, name, alternative);
    }
}
