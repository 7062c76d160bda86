package crm.segment.api;

import crm.segment.condition.InvalidCondition;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Renders an invalid condition as a 400 problem+json that says where ({@link ConditionProblem}). */
public class ConditionProblems {

    @ServerExceptionMapper
    public Response invalid(InvalidCondition e) {
        boolean text = e.line() != null;
        ConditionProblem problem = new ConditionProblem("about:blank", "Bad Request", 400, e.getMessage(),
                text ? "condition" : "ast" + (e.path() == null ? "" : e.path()), e.reason(), e.line(), e.column(), e.path());
        return Response.status(400).type("application/problem+json").entity(problem).build();
    }
}
