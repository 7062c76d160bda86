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
 * SMS and WhatsApp through Twilio's Messages API: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, HTTP
 * Basic (AccountSid:AuthToken), form-encoded To, From (or MessagingServiceSid), Body, StatusCallback; 201 with the
 * Message resource, whose {@code sid} is kept as the provider's id. WhatsApp messages go to and from
 * {@code whatsapp:}-prefixed numbers (the sender: crm.journey.providers.twilio.whatsapp-from, else from). The status
 * callback URL carries our ids (crm_message_id, crm_run_id, ...) in its query, which ingest puts in the message events.
 */
@ApplicationScoped
public class TwilioSms implements Provider {
    public static final String NAME = "twilio";
    static final String WHATSAPP = "whatsapp:";

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
        boolean whatsapp = m.channel() == Channel.whatsapp;
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", whatsapp ? WHATSAPP + m.to() : m.to());
        if (t.messagingServiceSid().isPresent()) {
            form.put("MessagingServiceSid", t.messagingServiceSid().get());
        } else {
            String from = (whatsapp ? t.whatsappFrom().or(t::from) : t.from()).orElseThrow(() -> new ProviderException(
                    "crm.journey.providers.twilio." + (whatsapp ? "whatsapp-from" : "from") + " is not set", true));
            form.put("From", whatsapp && !from.startsWith(WHATSAPP) ? WHATSAPP + from : from);
        }
        form.put("Body", m.text());
        t.statusCallback().ifPresent(url -> form.put("StatusCallback", callback(url.replace("{workspaceId}", m.workspaceId()), m)));
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

    /** The status callback URL with our ids in its query, so its callbacks name the message and its run. */
    static String callback(String url, OutboundMessage m) {
        Map<String, String> ids = m.callbackIds();
        if (ids.isEmpty()) return url;
        return url + (url.contains("?") ? "&" : "?") + formEncode(ids);
    }

    static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
