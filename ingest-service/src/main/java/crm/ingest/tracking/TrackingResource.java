package crm.ingest.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import crm.events.EventType;
import crm.events.Json;
import crm.ingest.ServiceUnavailable;
import crm.ingest.broker.Broker;
import crm.web.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;

/**
 * The Segment HTTP Tracking API ({@code /v1/identify}, {@code /v1/track}). Answers 200 only once the event is on
 * the broker. The body is read raw so the size limit, the write key and the JSON are checked in that order.
 */
@Path("/v1")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class TrackingResource {
    private static final ObjectReader READER = Json.MAPPER.readerFor(Object.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Inject
    WriteKeyDirectory writeKeys;
    @Inject
    Broker broker;
    @Inject
    InstantSource clock;
    @ConfigProperty(name = "crm.tracking.max-message-bytes")
    int maxMessageBytes;

    @POST
    @Path("/identify")
    @Operation(summary = "Segment identify: who the customer is and their traits")
    @APIResponse(responseCode = "200", description = "on the broker")
    @APIResponse(responseCode = "400", description = "malformed JSON, over 32 KB, no userId/anonymousId")
    @APIResponse(responseCode = "401", description = "missing or unknown write key")
    @APIResponse(responseCode = "503", description = "broker unavailable; retry after Retry-After seconds")
    public TrackingAccepted identify(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                     @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                             schema = @Schema(type = SchemaType.OBJECT))) byte[] body) {
        return accept(EventType.IDENTIFY, authorization, body);
    }

    @POST
    @Path("/track")
    @Operation(summary = "Segment track: something the customer did (event, properties)")
    @APIResponse(responseCode = "200", description = "on the broker")
    @APIResponse(responseCode = "400", description = "malformed JSON, over 32 KB, no userId/anonymousId, no event")
    @APIResponse(responseCode = "401", description = "missing or unknown write key")
    @APIResponse(responseCode = "503", description = "broker unavailable; retry after Retry-After seconds")
    public TrackingAccepted track(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                          schema = @Schema(type = SchemaType.OBJECT))) byte[] body) {
        return accept(EventType.TRACK, authorization, body);
    }

    private TrackingAccepted accept(EventType type, String authorization, byte[] body) {
        Instant receivedAt = clock.instant();
        if (body != null && body.length > maxMessageBytes) {
            throw ProblemException.badRequest("the message is " + body.length + " bytes; the limit is "
                    + maxMessageBytes + " bytes", null);
        }
        // A Basic-auth key is checked before the body is parsed: strangers learn nothing about their JSON.
        String basicWorkspace = WriteKeyCredentials.fromAuthorization(authorization).map(this::workspaceOf).orElse(null);
        Map<String, Object> message = parse(body);
        String workspaceId = basicWorkspace != null ? basicWorkspace : workspaceOf(WriteKeyCredentials.fromBody(message)
                .orElseThrow(() -> unauthorized("a write key is required: as the Basic-auth username or as writeKey in the body")));
        SegmentMapping.Outcome outcome = SegmentMapping.map(type, message, workspaceId, receivedAt,
                () -> UUID.randomUUID().toString());
        if (outcome instanceof SegmentMapping.Rejected r) throw ProblemException.badRequest(r.reason(), r.field());
        broker.publish(((SegmentMapping.Accepted) outcome).event());
        return TrackingAccepted.OK;
    }

    private String workspaceOf(String writeKey) {
        try {
            return writeKeys.workspaceOf(writeKey).orElseThrow(() -> unauthorized("unknown write key"));
        } catch (SQLException e) {
            throw ServiceUnavailable.retryLater("the workspace store is unavailable; nothing was stored, retry later");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(byte[] body) {
        Object parsed;
        try {
            parsed = READER.readValue(body == null ? new byte[0] : body);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("malformed JSON: " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw ProblemException.badRequest("unreadable body", null);
        }
        if (parsed instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw ProblemException.badRequest("the body must be a JSON object", null);
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(Response.Status.UNAUTHORIZED, detail, null,
                Map.of(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tracking\""));
    }
}
