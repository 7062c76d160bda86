package crm.ingest.workspace;

/**
 * Body of {@code PUT /v1/workspaces/{id}/webhook-secrets/{provider}}.
 *
 * @param secret   the provider's signing secret (Shopify app client secret, WooCommerce webhook secret, SendGrid
 *                 verification key, Twilio auth token)
 * @param previous "keep" (default): the secret it replaces stays valid until retired, for a rotation; "drop": only
 *                 the new one is valid from now on
 */
public record WebhookSecretChange(String secret, String previous) {
}
