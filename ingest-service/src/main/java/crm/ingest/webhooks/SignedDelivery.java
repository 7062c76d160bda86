package crm.ingest.webhooks;

import java.time.Instant;

/**
 * A delivery whose signature verified, as received: what a dead letter keeps so it can be inspected and replayed.
 *
 * @param topic      the provider's topic header, null when absent
 * @param deliveryId what replays are recognised by (X-Shopify-Webhook-Id, X-WC-Webhook-Delivery-ID plus digest, ...)
 * @param signature  the signature header as sent, so the body can be posted again as it was
 */
public record SignedDelivery(String workspaceId, WebhookProvider provider, String topic, String deliveryId,
                             String signature, Instant receivedAt, byte[] body) {
}
