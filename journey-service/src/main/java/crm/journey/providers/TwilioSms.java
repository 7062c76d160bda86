package crm.journey.providers;

import com.fasterxml.jackson.databind.JsonNode;
import crm.events.Json;
import crm.events.MessageEvent.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * SMS through Twilio's Messages API: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, HTTP Basic
 * (AccountSid:AuthToken), form-encoded To, From (or MessagingServiceSid), Body, StatusCallback; 201 with the Message
 * resource, whose {@code sid} is kept as the provider's id.
 */
@ApplicationScoped
public class TwilioSms implements Provider {
    public static final String NAME = "twilio";

    @Inject
    ProviderSettings settings;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Channel channel() {
        return Channel.sms;
    }

    @Override
    public String send(OutboundMessage m) {
        ProviderSettings.Twilio t = settings.twilio();
        String sid = t.accountSid().orElseThrow(() -> new ProviderException("crm.journey.providers.twilio.account-sid is not set", true));
        String token = t.authToken().orElseThrow(() -> new ProviderException("crm.journey.providers.twilio.auth-token is not set", true));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", m.to());
        if (t.messagingServiceSid().isPresent()) form.put("MessagingServiceSid", t.messagingServiceSid().get());
        else form.put("From", t.from().orElseThrow(() -> new ProviderException("crm.journey.providers.twilio.from is not set", true)));
        form.put("Body", m.text());
        t.statusCallback().ifPresent(url -> form.put("StatusCallback", url.replace("{workspaceId}", m.workspaceId())));
        String url = Http.trimSlash(t.baseUrl()) + "/2010-04-01/Accounts/" + URLEncoder.encode(sid, StandardCharsets.UTF_8) + "/Messages.json";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.timeout())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                .build();
        HttpResponse<String> response = Http.send(NAME, request);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw ProviderException.ofStatus(NAME, response.statusCode(), response.body());
        }
        try {
            JsonNode sidNode = Json.MAPPER.readTree(response.body()).get("sid");
            return sidNode == null ? null : sidNode.asText();
        } catch (IOException e) {
            return null; // taken all the same; status callbacks will name it
        }
    }

    static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
