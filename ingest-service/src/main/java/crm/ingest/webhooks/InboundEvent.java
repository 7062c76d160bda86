package crm.ingest.webhooks;

import crm.events.CustomerEvent;

/**
 * A canonical event from a webhook with the provider's id of it, which is what replays and retries are deduped on
 * (Shopify X-Shopify-Webhook-Id, SendGrid sg_event_id, Twilio MessageSid + status, ...).
 */
public record InboundEvent(String dedupeId, CustomerEvent event) {
}
