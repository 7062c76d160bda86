package crm.ingest.webhooks.twilio;

import crm.ingest.webhooks.InboundEvent;
import crm.ingest.webhooks.SignatureRefused;
import crm.ingest.webhooks.WebhookHeaders;
import crm.ingest.webhooks.WebhookProvider;
import crm.ingest.webhooks.WebhookPublisher;
import crm.ingest.webhooks.WebhookSecrets;
import crm.web.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio Messaging callbacks: status callbacks of our sends and inbound messages (STOP/START). Twilio signs the URL
 * it was given, which behind a proxy is not the URL this service sees: {@code crm.public-url} says what it is.
 * Answers empty TwiML, so an inbound message gets no automatic reply from us.
 */
@Path("/v1/webhooks/twilio/{workspaceId}")
@Consumes(MediaType.WILDCARD)
public class TwilioWebhookResource {
    static final String SIGNATURE = "X-Twilio-Signature";
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    @Inject
    WebhookSecrets secrets;
    @Inject
    WebhookPublisher publisher;
    @Inject
    InstantSource clock;
    @ConfigProperty(name = "crm.public-url")
    Optional<String> publicUrl;

    @POST
    @Produces({MediaType.APPLICATION_XML, "application/problem+json"})
    @Operation(summary = "Twilio status callback or inbound message (X-Twilio-Signature with the workspace's auth token)")
    @APIResponse(responseCode = "200", description = "verified; published once (deduped on MessageSid + status)")
    @APIResponse(responseCode = "400", description = "signed, but not a form-encoded body")
    @APIResponse(responseCode = "401", description = "missing or invalid signature, or no such workspace/token")
    @APIResponse(responseCode = "503", description = "broker or database unavailable; Twilio retries")
    public String receive(@PathParam("workspaceId") String workspaceId, @Context HttpHeaders headers,
                          @Context UriInfo uri, byte[] body) {
        String text = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
        Map<String, List<String>> params = FormBody.parse(text).orElse(null);
        URI seen = uri.getRequestUri();
        String signedUrl = publicUrl.map(base -> stripSlash(base) + seen.getRawPath()).orElse(seen.getScheme() + "://"
                + seen.getRawAuthority() + seen.getRawPath()) + (seen.getRawQuery() == null ? "" : "?" + seen.getRawQuery());
        if (!TwilioSignature.matchesAny(secrets.active(workspaceId, WebhookProvider.twilio), signedUrl,
                params == null ? Map.of() : params, WebhookHeaders.first(headers, SIGNATURE))) {
            throw SignatureRefused.of(SIGNATURE);
        }
        if (params == null) throw ProblemException.badRequest("the body must be application/x-www-form-urlencoded", null);
        Map<String, List<String>> query = FormBody.parse(seen.getRawQuery()).orElse(Map.of());
        List<InboundEvent> events = TwilioMapping.map(workspaceId, params, query, clock.instant()).map(List::of).orElse(List.of());
        publisher.publish(workspaceId, WebhookProvider.twilio, events);
        return EMPTY_TWIML;
    }

    private static String stripSlash(String base) {
        String b = base.strip();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }
}
