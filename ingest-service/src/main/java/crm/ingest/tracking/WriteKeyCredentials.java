package crm.ingest.tracking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a tracking call carries its credentials, as Segment accepts them: the write key as the username of HTTP Basic
 * auth (password empty), or the {@code writeKey} field of the body, alone or with an {@code Authorization: Bearer}
 * token (Segment's OAuth option; here the workspace API token).
 */
public final class WriteKeyCredentials {
    private static final String BASIC = "basic ";
    private static final String BEARER = "bearer ";

    private WriteKeyCredentials() {
    }

    /** The write key from an {@code Authorization: Basic} header; empty when there is none or it is unreadable. */
    public static Optional<String> fromAuthorization(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BASIC)) return Optional.empty();
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        String username = colon < 0 ? decoded : decoded.substring(0, colon);
        return username.isBlank() ? Optional.empty() : Optional.of(username);
    }

    /** The token of an {@code Authorization: Bearer} header; empty when there is none or it is blank. */
    public static Optional<String> bearerToken(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) return Optional.empty();
        String token = authorization.substring(BEARER.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** Whether the header uses the Bearer scheme at all (a blank token is still a Bearer attempt, refused). */
    public static boolean isBearer(String authorization) {
        return authorization != null && authorization.strip().toLowerCase(Locale.ROOT).startsWith("bearer");
    }

    /** The write key from the body's {@code writeKey} field. */
    public static Optional<String> fromBody(Map<String, Object> message) {
        return message.get("writeKey") instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }
}
