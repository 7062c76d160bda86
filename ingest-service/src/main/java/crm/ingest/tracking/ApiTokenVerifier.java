package crm.ingest.tracking;

import crm.events.ApiTokens;
import crm.web.ProblemException;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.InvalidJwtException;

import java.util.Map;

/**
 * Verifies the workspace API token a tracking call may carry as {@code Authorization: Bearer} (Segment's "OAuth Bearer
 * token plus writeKey in body" option): signature with the suite's public key, issuer and expiry, as every service
 * verifies it (mp.jwt.verify.*). Refusals are 401 problems naming {@code Authorization}.
 */
@ApplicationScoped
public class ApiTokenVerifier {
    static final String FIELD = HttpHeaders.AUTHORIZATION;

    @Inject
    JWTParser parser;

    /** The workspace the token was issued for. */
    public String workspaceOf(String token) {
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            throw refused(e.getCause() instanceof InvalidJwtException invalid && invalid.hasExpired()
                    ? "the Bearer API token has expired"
                    : "the Bearer token is not a valid API token of this suite (signature, issuer or format)");
        } catch (RuntimeException e) {
            // Whatever the caller put in the header, an unreadable token is a 401, never a 500.
            throw refused("the Bearer token is not a valid API token of this suite (signature, issuer or format)");
        }
        Object workspace = jwt.getClaim(ApiTokens.WORKSPACE_CLAIM);
        if (workspace == null || workspace.toString().isBlank()) throw refused("the Bearer API token names no workspace");
        return workspace.toString();
    }

    static ProblemException refused(String detail) {
        return refusedNaming(detail, FIELD);
    }

    /** A 401 of the Bearer option naming the field at fault. */
    static ProblemException refusedNaming(String detail, String field) {
        return new ProblemException(Response.Status.UNAUTHORIZED, detail, field,
                Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tracking\""));
    }
}
