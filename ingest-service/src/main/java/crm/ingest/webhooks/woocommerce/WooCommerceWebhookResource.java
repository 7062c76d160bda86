package crm.ingest.webhooks.woocommerce;

import crm.ingest.webhooks.BodyDigest;
import crm.ingest.webhooks.Hmac;
import crm.ingest.webhooks.JsonPayload;
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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.regex.Pattern;

/**
 * WooCommerce webhooks. WooCommerce disables a webhook after 5 failed deliveries and never retries one, so a
 * delivery with a valid signature is always answered 200, and never lost: topics the suite does not use are
 * acknowledged and ignored, deliveries the mapping cannot read are kept on the dead-letter topic. The unsigned ping
 * sent when a webhook is saved ({@code webhook_id=N}, form-encoded) is answered 200 too.
 */
@Path("/v1/webhooks/woocommerce/{workspaceId}")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class WooCommerceWebhookResource {
    static final String SIGNATURE = "X-WC-Webhook-Signature";
    private static final Pattern PING = Pattern.compile("webhook_id=\\d{1,20}");

    @Inject
    WebhookSecrets secrets;
    @Inject
    WebhookPublisher publisher;
    @Inject
    InstantSource clock;

    @POST
    @Operation(summary = "WooCommerce webhook (X-WC-Webhook-Signature: base64 HMAC-SHA256 of the raw body with the webhook secret)")
    @APIResponse(responseCode = "200", description = "verified (or the creation ping); published once, or kept on the "
            + "dead-letter topic when it cannot be mapped")
    @APIResponse(responseCode = "401", description = "missing or invalid signature, or no such workspace/secret")
    @APIResponse(responseCode = "503", description = "broker or database unavailable")
    public WebhookAccepted receive(@PathParam("workspaceId") String workspaceId, @Context HttpHeaders headers, byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        String signature = WebhookHeaders.first(headers, SIGNATURE);
        if (signature == null && PING.matcher(new String(raw, StandardCharsets.UTF_8).strip()).matches()) {
            return WebhookAccepted.of(0);
        }
        if (!Hmac.matchesAny(Hmac.SHA256, secrets.active(workspaceId, WebhookProvider.woocommerce), raw, signature)) {
            throw SignatureRefused.of(SIGNATURE);
        }
        // The delivery id is wp_hash(webhook id . unix second): two deliveries of one hook in the same second share
        // it, so the body's digest is part of the id. A true replay has both equal.
        String deliveryId = WebhookHeaders.first(headers, "X-WC-Webhook-Delivery-ID");
        String digest = BodyDigest.sha256(raw);
        String dedupeId = deliveryId == null || deliveryId.length() > 100
                ? "sha256-" + digest : deliveryId + ":" + digest.substring(0, 16);
        String topic = WebhookHeaders.first(headers, "X-WC-Webhook-Topic");
        Instant receivedAt = clock.instant();
        WooCommerceDelivery delivery = new WooCommerceDelivery(workspaceId, topic, dedupeId,
                WebhookHeaders.first(headers, "X-WC-Webhook-Source"), receivedAt, JsonPayload.object(raw).orElse(null));
        return publisher.accept(new SignedDelivery(workspaceId, WebhookProvider.woocommerce, topic, dedupeId, signature,
                receivedAt, raw), () -> WooCommerceMapping.map(delivery));
    }
}
