package crm.journey.providers;

import crm.events.Json;
import crm.events.MessageEvent.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Email through SendGrid's v3 Mail Send API: {@code POST /v3/mail/send}, Bearer API key, JSON; 202 Accepted with the
 * {@code X-Message-Id} header. Our message id travels in {@code custom_args.crm_message_id}, which SendGrid echoes in
 * every Event Webhook event, so ingest's callbacks name the message (with crm_journey_id, crm_run_id and crm_step_id,
 * the run).
 */
@ApplicationScoped
public class SendGridEmail implements Provider {
    public static final String NAME = "sendgrid";
    public static final String MESSAGE_ID_ARG = "crm_message_id";

    @Inject
    ProviderSettings settings;
    @ConfigProperty(name = "crm.mail.from")
    String from;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Channel channel() {
        return Channel.email;
    }

    @Override
    public String send(OutboundMessage m) {
        String key = settings.sendgrid().apiKey().orElseThrow(() ->
                new ProviderException("crm.journey.providers.sendgrid.api-key is not set", true));
        HttpRequest request = HttpRequest.newBuilder(URI.create(Http.trimSlash(settings.sendgrid().baseUrl()) + "/v3/mail/send"))
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body(m, from))))
                .build();
        HttpResponse<String> response = Http.send(NAME, request);
        if (response.statusCode() != 202 && response.statusCode() != 200) {
            throw ProviderException.ofStatus(NAME, response.statusCode(), response.body());
        }
        return response.headers().firstValue("X-Message-Id").orElse(null);
    }

    /** The mail-send body. text/plain must come before text/html (SendGrid refuses the other order). */
    static Map<String, Object> body(OutboundMessage m, String from) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("personalizations", List.of(Map.of("to", List.of(Map.of("email", m.to())))));
        body.put("from", Map.of("email", from));
        body.put("subject", m.subject());
        body.put("content", List.of(Map.of("type", "text/plain", "value", m.text()), Map.of("type", "text/html", "value", m.html())));
        if (!m.headers().isEmpty()) body.put("headers", m.headers());
        // Echoed in every Event Webhook event: ingest names the message and its run in the events it publishes.
        Map<String, String> args = new LinkedHashMap<>(m.callbackIds());
        args.put(MESSAGE_ID_ARG, m.messageId());
        body.put("custom_args", args);
        return body;
    }
}
