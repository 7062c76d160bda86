package crm.ingest.workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * The admin credential. Without a configured token nothing is admitted (there is deliberately no default). Tokens
 * are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken reveals neither the content
 * nor the length of the expected token.
 */
public final class AdminToken {
    private static final String BEARER = "bearer ";
    private final byte[] expectedDigest;

    private AdminToken(byte[] expectedDigest) {
        this.expectedDigest = expectedDigest;
    }

    public static AdminToken of(Optional<String> configured) {
        return new AdminToken(configured.filter(t -> !t.isBlank()).map(AdminToken::digest).orElse(null));
    }

    /** Whether an {@code Authorization} header value carries the admin token as a Bearer credential. */
    public boolean admits(String authorization) {
        if (expectedDigest == null || authorization == null) return false;
        if (!authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) return false;
        String presented = authorization.substring(BEARER.length()).strip();
        return !presented.isEmpty() && MessageDigest.isEqual(expectedDigest, digest(presented));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
