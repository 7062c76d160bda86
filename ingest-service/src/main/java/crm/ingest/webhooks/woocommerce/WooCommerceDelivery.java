package crm.ingest.webhooks.woocommerce;

import java.time.Instant;
import java.util.Map;

/**
 * One verified WooCommerce webhook delivery.
 *
 * @param topic    X-WC-Webhook-Topic, e.g. {@code order.created}
 * @param dedupeId what replays are recognised by (see {@link WooCommerceWebhookResource})
 * @param source   X-WC-Webhook-Source: the store's home URL
 * @param payload  the body as a JSON object; null when it is not one
 */
public record WooCommerceDelivery(String workspaceId, String topic, String dedupeId, String source,
                                  Instant receivedAt, Map<String, Object> payload) {
}
