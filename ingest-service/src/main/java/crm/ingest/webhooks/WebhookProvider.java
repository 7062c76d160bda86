package crm.ingest.webhooks;

import java.util.Locale;
import java.util.Optional;

/** The integrations that call us with signed webhooks; the name is also their dedupe source and event source. */
public enum WebhookProvider {
    shopify, woocommerce, sendgrid, twilio;

    public static Optional<WebhookProvider> of(String name) {
        if (name == null) return Optional.empty();
        try {
            return Optional.of(valueOf(name.strip().toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
