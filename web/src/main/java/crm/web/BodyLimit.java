package crm.web;

import crm.events.Json;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;

/**
 * The HTTP body ceiling (quarkus.http.limits.max-body-size) answered as a 413 problem+json on every endpoint of every
 * service, instead of Vert.x's bare 413. Runs before Quarkus' own check: a declared Content-Length over the limit is refused without
 * reading the body; a chunked HTTP/1.1 body is read into memory only up to the limit and handed on.
 * After a refusal the rest of the body is read and dropped (so the client, still sending, sees the answer rather
 * than a reset), up to {@link #DRAIN_FACTOR} times the limit, and the connection is closed.
 */
@ApplicationScoped
public class BodyLimit {
    /** Before Quarkus' own limit handler (order -2), which stays as a backstop. */
    static final int ORDER = -3;
    /** How much of a refused body is read and dropped before the connection is cut, in multiples of the limit. */
    static final long DRAIN_FACTOR = 8;

    private final long limit;
    private final byte[] tooLarge;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit) {
        this.limit = limit.asLongValue();
        this.tooLarge = Json.write(Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "the request body is over the limit of " + this.limit + " bytes (" + describe(this.limit)
                        + ") of this service; nothing was stored", null)).getBytes(StandardCharsets.UTF_8);
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                ctx.next(); // the HTTP codec refuses it
                return;
            }
            if (length > limit) refuse(ctx, 0);
            else ctx.next();
            return;
        }
        // HTTP/2 requests cannot be handed on once read to their end (the REST layer pauses them, which an ended
        // HTTP/2 stream refuses), so a streamed HTTP/2 body is left to Quarkus' limit (a bare 413).
        boolean chunked = request.version() != HttpVersion.HTTP_2
                && request.headers().contains(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED, true);
        if (!chunked || request.isEnded()) {
            ctx.next();
            return;
        }
        Buffer body = Buffer.buffer();
        long[] received = {0};
        boolean[] refused = {false};
        request.handler(chunk -> {
            received[0] += chunk.length();
            if (refused[0]) return;
            if (received[0] > limit) {
                refused[0] = true;
                refuse(ctx, received[0]);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(v -> {
            if (refused[0]) return;
            ctx.setBody(body);
            ctx.next();
        });
    }

    private void refuse(RoutingContext ctx, long alreadyRead) {
        HttpServerRequest request = ctx.request();
        // HTTP/2 multiplexes: the connection serves other requests and takes no Connection header; only abuse ends it.
        boolean http2 = request.version() == HttpVersion.HTTP_2;
        long[] drained = {alreadyRead};
        if (!request.isEnded()) {
            request.handler(chunk -> {
                drained[0] += chunk.length();
                if (drained[0] > DRAIN_FACTOR * limit) request.connection().close();
            });
            if (!http2) request.endHandler(v -> request.connection().close());
            request.resume();
        }
        if (!http2) ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        ctx.response().setStatusCode(Response.Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Buffer.buffer(tooLarge));
    }

    private static String describe(long bytes) {
        if (bytes % (1024 * 1024) == 0) return bytes / (1024 * 1024) + " MB";
        if (bytes % 1024 == 0) return bytes / 1024 + " KB";
        return bytes + " bytes";
    }
}
