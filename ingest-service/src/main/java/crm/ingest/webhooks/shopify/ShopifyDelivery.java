package crm.ingest.webhooks.shopify;

import java.time.Instant;
import java.util.Map;

/**
 * One verified Shopify webhook delivery.
 *
 * @param webhookId   X-Shopify-Webhook-Id: unique per delivery (the same on Shopify's retries of it)
 * @param triggeredAt X-Shopify-Triggered-At, when present and readable
 * @param payload     the body as a JSON object; null when it is not one
 */
public record ShopifyDelivery(String workspaceId, String topic, String webhookId, String shopDomain,
                              Instant triggeredAt, Instant receivedAt, Map<String, Object> payload) {
}
