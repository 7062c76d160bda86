package crm.events;

/**
 * The workspace API token contract: an RS256 JWT signed by ingest-service with the suite's private key and verified
 * by every service with the public key alone, so no service calls ingest to authenticate a request.
 */
public final class ApiTokens {
    public static final String ISSUER = "crm";
    /** The claim holding the workspace id (the subject holds it too). */
    public static final String WORKSPACE_CLAIM = "ws";
    /** The group every workspace token carries, for {@code @RolesAllowed}. */
    public static final String WORKSPACE_ROLE = "workspace";

    private ApiTokens() {
    }
}
