package crm.journey.providers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Providers' settings (crm.journey.providers.*), documented in application.properties. */
@ConfigMapping(prefix = "crm.journey.providers")
public interface ProviderSettings {
    /** Channel name -> provider name, for workspaces that chose none. */
    Map<String, String> defaults();

    /** Provider name -> sends per second this service allows itself (each replica). */
    Map<String, Double> ratePerSecond();

    @WithDefault("10s")
    Duration timeout();

    SendGrid sendgrid();

    Twilio twilio();

    Webhook webhook();

    interface SendGrid {
        @WithDefault("https://api.sendgrid.com")
        String baseUrl();

        Optional<String> apiKey();
    }

    interface Twilio {
        @WithDefault("https://api.twilio.com")
        String baseUrl();

        Optional<String> accountSid();

        Optional<String> authToken();

        /** The sending number (E.164); or messaging-service-sid. */
        Optional<String> from();

        Optional<String> messagingServiceSid();

        /** The WhatsApp sender (E.164, with or without "whatsapp:"); unset: {@link #from()}. */
        Optional<String> whatsappFrom();

        /** Where Twilio posts status callbacks (ingest's /v1/webhooks/twilio/{workspaceId}); {workspaceId} is replaced. */
        Optional<String> statusCallback();
    }

    interface Webhook {
        /** The HMAC-SHA256 key of the X-CRM-Signature header. */
        Optional<String> secret();

        /** The target of workspaces that set none. */
        Optional<String> url();
    }
}
