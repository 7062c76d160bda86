package crm.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * Turns every failure of a request into problem+json: client mistakes into a precise 4xx naming the field, and
 * anything unexpected into a 500 that reveals nothing (and is logged once, without the request body).
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.toResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return Problem.of(Response.Status.BAD_REQUEST, "malformed JSON: " + e.getOriginalMessage(), null).toResponse();
    }

    @ServerExceptionMapper
    public Response wrongShape(JsonMappingException e) {
        return Problem.of(Response.Status.BAD_REQUEST, "invalid value: " + e.getOriginalMessage(), field(e)).toResponse();
    }

    /** Quarkus maps this subtype itself (plain JSON, no field): a mapper for the exact type wins over it. */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return wrongShape(e);
    }

    private static String field(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return field.isEmpty() ? null : field;
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e) {
        return Problem.of(Response.Status.BAD_REQUEST, "invalid JSON: " + e.getOriginalMessage(), null).toResponse();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, "missing or invalid credentials", null).toResponse())
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(Response.Status.FORBIDDEN, "not allowed with these credentials", null).toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // Quarkus' JSON body reader wraps a syntax error in a bare 400: say what is wrong with the body instead.
        if (e.getCause() instanceof JsonParseException parse) return malformedJson(parse);
        if (e.getCause() instanceof JsonMappingException mapping) return wrongShape(mapping);
        Response original = e.getResponse();
        Response.StatusType status = original.getStatusInfo();
        String detail = status.getFamily() == Response.Status.Family.SERVER_ERROR ? status.getReasonPhrase() : e.getMessage();
        Response.ResponseBuilder r = Response.fromResponse(Problem.of(status, detail, null).toResponse());
        original.getHeaders().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Type")) v.forEach(x -> r.header(k, x));
        });
        return r.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.errorf("unexpected failure: %s", e.toString());
        LOG.debug("stack", e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "unexpected error", null).toResponse();
    }
}
