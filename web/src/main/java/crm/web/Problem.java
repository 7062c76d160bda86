package crm.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem document, the body of every 4xx/5xx answer of the suite.
 *
 * @param field the request field at fault (JSON pointer-ish path such as {@code batch[3].event}), when there is one
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(Response.StatusType status, String detail, String field) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, field);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
