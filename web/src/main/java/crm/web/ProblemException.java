package crm.web;

import jakarta.ws.rs.core.Response;

/** Refuses a request with a precise status, reason and field; rendered as problem+json. */
public class ProblemException extends RuntimeException {
    private final Response.StatusType status;
    private final String field;
    private final transient java.util.Map<String, String> headers;

    public ProblemException(Response.StatusType status, String detail, String field) {
        this(status, detail, field, java.util.Map.of());
    }

    public ProblemException(Response.StatusType status, String detail, String field, java.util.Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
        this.headers = headers;
    }

    public static ProblemException badRequest(String detail, String field) {
        return new ProblemException(Response.Status.BAD_REQUEST, detail, field);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Response.Status.NOT_FOUND, detail, null);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Response.Status.UNAUTHORIZED, detail, null);
    }

    public Response toResponse() {
        Response.ResponseBuilder r = Response.fromResponse(Problem.of(status, getMessage(), field).toResponse());
        headers.forEach(r::header);
        return r.build();
    }
}
