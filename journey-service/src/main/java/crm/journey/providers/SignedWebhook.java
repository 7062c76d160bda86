package crm.journey.providers;

import crm.events.Json;
import crm.events.MessageEvent.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The webhook channel: a JSON POST to the workspace's URL, signed so the receiver knows it is ours and fresh:
 * {@code X-CRM-Timestamp: <unix seconds>} and {@code X-CRM-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}.
 */
@ApplicationScoped
public class SignedWebhook implements Provider {
    public static final String NAME = "webhook";
    public static final String SIGNATURE_HEADER = "X-CRM-Signature";
    public static final String TIMESTAMP_HEADER = "X-CRM-Timestamp";

    @Inject
    ProviderSettings settings;
    @Inject
    java.time.InstantSource clock;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Channel channel() {
        return Channel.webhook;
    }

    @Override
    public String send(OutboundMessage m) {
        String secret = settings.webhook().secret().orElseThrow(() ->
                new ProviderException("crm.journey.providers.webhook.secret is not set", true));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", m.messageId());
        body.put("workspaceId", m.workspaceId());
        body.put("profileId", m.profileId());
        body.put("journeyId", m.journeyId());
        body.put("stepId", m.stepId());
        body.put("data", m.data());
        String json = Json.write(body);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(m.to()))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header(TIMESTAMP_HEADER, timestamp)
                .header(SIGNATURE_HEADER, "sha256=" + sign(secret, timestamp, json))
                .header("Idempotency-Key", m.messageId())
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = Http.send(NAME, request);
        if (response.statusCode() / 100 != 2) throw ProviderException.ofStatus(NAME, response.statusCode(), response.body());
        return null;
    }

    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
