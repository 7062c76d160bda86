package crm.ingest.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Json;
import crm.ingest.ServiceUnavailable;
import crm.ingest.broker.Broker;
import crm.ingest.dedupe.InboundDedupe;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Segment HTTP Tracking API: {@code /v1/identify}, {@code /track}, {@code /page}, {@code /screen}, {@code /group},
 * {@code /alias}, {@code /batch} and {@code /import} (a batch; analytics-java posts to {@code /v1/import/}). Every
 * call answers 200 only once its events are on the broker, each messageId published once per workspace (retries and
 * replicas included). The body is read raw so that, in order: the Basic-auth key or Bearer API token, the size (after
 * gzip), the JSON, the body key, the messages, the rate limit are checked.
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
    ApiTokenVerifier apiTokens;
    @Inject
    Broker broker;
    @Inject
    InboundDedupe dedupe;
    @Inject
    WorkspaceRateLimit rateLimit;
    @Inject
    InstantSource clock;
    @ConfigProperty(name = "crm.tracking.max-message-bytes")
    int maxMessageBytes;
    @ConfigProperty(name = "crm.tracking.max-batch-bytes")
    int maxBatchBytes;
    @ConfigProperty(name = "crm.tracking.max-batch-events")
    int maxBatchEvents;

    @POST
    @Path("/identify")
    @Operation(summary = "Segment identify: who the customer is and their traits")
    @APIResponse(responseCode = "200", description = "on the broker (or a messageId already seen)")
    @APIResponse(responseCode = "400", description = "malformed JSON, over 32 KB, no userId/anonymousId")
    @APIResponse(responseCode = "401", description = "missing or unknown write key, or an invalid Bearer API token")
    @APIResponse(responseCode = "429", description = "over the workspace's rate limit; retry after Retry-After seconds")
    @APIResponse(responseCode = "503", description = "broker unavailable; retry after Retry-After seconds")
    public TrackingAccepted identify(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                     @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
                                     @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                             schema = @Schema(type = SchemaType.OBJECT))) byte[] body) {
        return single(EventType.IDENTIFY, authorization, encoding, body);
    }

    @POST
    @Path("/track")
    @Operation(summary = "Segment track: something the customer did (event, properties); e-commerce v1 names become v2")
    @APIResponse(responseCode = "200", description = "on the broker (or a messageId already seen)")
    @APIResponse(responseCode = "400", description = "malformed JSON, over 32 KB, no userId/anonymousId, no event")
    @APIResponse(responseCode = "401", description = "missing or unknown write key, or an invalid Bearer API token")
    @APIResponse(responseCode = "429", description = "over the workspace's rate limit; retry after Retry-After seconds")
    @APIResponse(responseCode = "503", description = "broker unavailable; retry after Retry-After seconds")
    public TrackingAccepted track(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
                                  @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                          schema = @Schema(type = SchemaType.OBJECT))) byte[] body) {
        return single(EventType.TRACK, authorization, encoding, body);
    }

    @POST
    @Path("/page")
    @Operation(summary = "Segment page: a page view (name, category, properties)")
    @APIResponse(responseCode = "200", description = "on the broker (or a messageId already seen)")
    @APIResponse(responseCode = "400", description = "malformed JSON, over 32 KB, no userId/anonymousId")
    @APIResponse(responseCode = "401", description = "missing or unknown write key, or an invalid Bearer API token")
    @APIResponse(responseCode = "429", description = "over the workspace's rate limit; retry after Retry-After seconds")
    @APIResponse(responseCode = "503", description = "broker unavailable; retry after Retry-After seconds")
    public TrackingAccepted page(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                 @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
                                 @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                         schema = @Schema(type = SchemaType.OBJECT))) byte[] body) {
        return single(EventType.PAGE, authorization, encoding, body);
    }

    @POST
    @Path("/screen")
    @Operation(summary = "Segment screen: an app screen view (name, category, properties)")
    @APIResponse(responseCode = "200", description = "on the broker (or a messageId already seen)")
    @APIResponse(responseCode = "400", description = "malformed JSON, over 32 KB, no userId/anonymousId")
    @APIResponse(responseCode = "401", description = "missing or unknown write key, or an invalid Bearer API token")
    @APIResponse(responseCode = "429", description = "over the workspace's rate limit; retry after Retry-After seconds")
    @APIResponse(responseCode = "503", description = "broker unavailable; retry after Retry-After seconds")
    public TrackingAccepted screen(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                   @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
                                   @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                           schema = @Schema(type = SchemaType.OBJECT))) byte[] body) {
        return single(EventType.SCREEN, authorization, encoding, body);
    }

    @POST
    @Path("/group")
    @Operation(summary = "Segment group: the customer belongs to a group (groupId, group traits)")
    @APIResponse(responseCode = "200", description = "on the broker (or a messageId already seen)")
    @APIResponse(responseCode = "400", description = "malformed JSON, over 32 KB, no userId/anonymousId, no groupId")
    @APIResponse(responseCode = "401", description = "missing or unknown write key, or an invalid Bearer API token")
    @APIResponse(responseCode = "429", description = "over the workspace's rate limit; retry after Retry-After seconds")
    @APIResponse(responseCode = "503", description = "broker unavailable; retry after Retry-After seconds")
    public TrackingAccepted group(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
                                  @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                          schema = @Schema(type = SchemaType.OBJECT))) byte[] body) {
        return single(EventType.GROUP, authorization, encoding, body);
    }

    @POST
    @Path("/alias")
    @Operation(summary = "Segment alias: previousId and userId are the same customer")
    @APIResponse(responseCode = "200", description = "on the broker (or a messageId already seen)")
    @APIResponse(responseCode = "400", description = "malformed JSON, over 32 KB, no userId/anonymousId, no previousId")
    @APIResponse(responseCode = "401", description = "missing or unknown write key, or an invalid Bearer API token")
    @APIResponse(responseCode = "429", description = "over the workspace's rate limit; retry after Retry-After seconds")
    @APIResponse(responseCode = "503", description = "broker unavailable; retry after Retry-After seconds")
    public TrackingAccepted alias(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
                                  @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                          schema = @Schema(type = SchemaType.OBJECT))) byte[] body) {
        return single(EventType.ALIAS, authorization, encoding, body);
    }

    @POST
    @Path("/{endpoint: batch|import}{slash: /?}")
    @Operation(summary = "Segment batch (also /v1/import): up to 2,500 messages and 500 KB, all stored or none")
    @APIResponse(responseCode = "200", description = "every message on the broker (or already seen)")
    @APIResponse(responseCode = "400", description = "malformed JSON, over a limit, or an invalid item (field batch[i]...)")
    @APIResponse(responseCode = "401", description = "missing or unknown write key, or an invalid Bearer API token")
    @APIResponse(responseCode = "429", description = "over the workspace's rate limit; retry after Retry-After seconds")
    @APIResponse(responseCode = "503", description = "broker unavailable; retry after Retry-After seconds")
    public TrackingAccepted batch(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
                                  @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                          schema = @Schema(type = SchemaType.OBJECT))) byte[] body) {
        Instant receivedAt = clock.instant();
        Call call = open(authorization, encoding, body, maxBatchBytes, "batch");
        SegmentBatch.Outcome outcome = SegmentBatch.map(call.message(), call.workspaceId(), receivedAt,
                TrackingResource::newMessageId, new SegmentBatch.Limits(maxBatchEvents, maxMessageBytes));
        if (outcome instanceof SegmentBatch.Rejected r) throw ProblemException.badRequest(r.reason(), r.field());
        return store(call.workspaceId(), ((SegmentBatch.Accepted) outcome).events());
    }

    private TrackingAccepted single(EventType type, String authorization, String encoding, byte[] body) {
        Instant receivedAt = clock.instant();
        Call call = open(authorization, encoding, body, maxMessageBytes, "message");
        SegmentMapping.Outcome outcome = SegmentMapping.map(type, call.message(), call.workspaceId(), receivedAt,
                TrackingResource::newMessageId);
        if (outcome instanceof SegmentMapping.Rejected r) throw ProblemException.badRequest(r.reason(), r.field());
        return store(call.workspaceId(), List.of(((SegmentMapping.Accepted) outcome).event()));
    }

    /** An authenticated, decoded, parsed call. */
    private record Call(String workspaceId, Map<String, Object> message) {
    }

    private Call open(String authorization, String encoding, byte[] raw, int limit, String limitName) {
        // Header credentials are checked before the body is even inflated: strangers learn nothing about their JSON.
        String basicWorkspace = WriteKeyCredentials.fromAuthorization(authorization)
                .map(key -> workspaceOf(key, null)).orElse(null);
        String tokenWorkspace = WriteKeyCredentials.isBearer(authorization)
                ? apiTokens.workspaceOf(WriteKeyCredentials.bearerToken(authorization).orElse("")) : null;
        if (raw != null && raw.length > limit && (encoding == null || encoding.isBlank())) {
            throw ProblemException.badRequest("the " + limitName + " is " + raw.length + " bytes; the limit is "
                    + limit + " bytes per " + limitName, null);
        }
        Map<String, Object> message = parse(RequestBodies.decode(raw, encoding, limit, limitName));
        if (basicWorkspace != null) return new Call(basicWorkspace, message);
        if (tokenWorkspace != null) {
            // Segment's OAuth option: the token proves who calls, the body's write key still names the source.
            String key = WriteKeyCredentials.fromBody(message).orElseThrow(() -> ApiTokenVerifier.refusedNaming(
                    "a Bearer API token needs the workspace's write key as writeKey in the body", "writeKey"));
            String workspaceId = workspaceOf(key, "writeKey");
            if (!workspaceId.equals(tokenWorkspace)) {
                throw ApiTokenVerifier.refusedNaming("the write key belongs to another workspace than the Bearer API token",
                        "writeKey");
            }
            return new Call(workspaceId, message);
        }
        String key = WriteKeyCredentials.fromBody(message).orElseThrow(() -> unauthorized(
                "a write key is required: as the Basic-auth username, or as writeKey in the body (alone or with a "
                        + "Bearer API token)", "writeKey"));
        return new Call(workspaceOf(key, "writeKey"), message);
    }

    private TrackingAccepted store(String workspaceId, List<CustomerEvent> events) {
        if (events.isEmpty()) return TrackingAccepted.OK;
        rateLimit.admit(workspaceId, events.size());
        dedupe.publishUnseen(workspaceId, SegmentMapping.SOURCE, events, CustomerEvent::id, broker::publishAll);
        return TrackingAccepted.OK;
    }

    /** @param field where the key came from: null for the Basic-auth header, "writeKey" for the body */
    private String workspaceOf(String writeKey, String field) {
        try {
            return writeKeys.workspaceOf(writeKey).orElseThrow(() -> unauthorized("unknown or expired write key", field));
        } catch (SQLException e) {
            throw ServiceUnavailable.retryLater("the workspace store is unavailable; nothing was stored, retry later");
        }
    }

    private static String newMessageId() {
        return UUID.randomUUID().toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(byte[] body) {
        Object parsed;
        try {
            parsed = READER.readValue(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("malformed JSON: " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw ProblemException.badRequest("unreadable body: JSON must be UTF-8 (or UTF-16/32)", null);
        }
        if (parsed instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw ProblemException.badRequest("the body must be a JSON object", null);
    }

    private static ProblemException unauthorized(String detail, String field) {
        return new ProblemException(Response.Status.UNAUTHORIZED, detail, field,
                Map.of(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tracking\""));
    }
}
