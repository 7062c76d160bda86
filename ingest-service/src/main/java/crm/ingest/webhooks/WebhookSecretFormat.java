package crm.ingest.webhooks;

import crm.ingest.webhooks.sendgrid.SendGridSignature;

import java.util.Optional;

/** What a provider's secret must look like before it is stored; the reason it is refused otherwise. Pure. */
public final class WebhookSecretFormat {
    public static final int MAX_LENGTH = 1024;

    private WebhookSecretFormat() {
    }

    public static Optional<String> problem(WebhookProvider provider, String secret) {
        if (secret == null || secret.isBlank()) return Optional.of("secret is required");
        if (secret.length() > MAX_LENGTH) return Optional.of("secret must be at most " + MAX_LENGTH + " characters");
        if (!secret.equals(secret.strip())) return Optional.of("secret must not start or end with spaces");
        if (provider == WebhookProvider.sendgrid && SendGridSignature.publicKey(secret).isEmpty()) {
            return Optional.of("secret must be the Event Webhook verification key: a base64 EC public key");
        }
        return Optional.empty();
    }
}
