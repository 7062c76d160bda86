package crm.profile.api;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import crm.web.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * A JSON body whose field has the wrong type ({@code "visits": "many"}) answers 400 problem+json naming the field.
 * Quarkus's own mapper for this exception (plain JSON) is closer to it than the web module's JsonMappingException
 * mapper, so without this one such a request would not get a problem document.
 */
public class JsonBodyProblems {

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return Problem.of(Response.Status.BAD_REQUEST, "invalid value: " + e.getOriginalMessage(), field.isEmpty() ? null : field)
                .toResponse();
    }
}
