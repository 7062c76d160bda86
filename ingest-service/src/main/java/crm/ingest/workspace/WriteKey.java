package crm.ingest.workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A workspace's write key: the secret that SDKs and snippets send with every tracking call. Only its hash is stored,
 * so a database leak does not leak the keys; {@link #toString()} hides it so it never lands in a log.
 */
public record WriteKey(String value) {
    private static final int RANDOM_BYTES = 32;

    public static WriteKey generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new WriteKey(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** SHA-256 of the key, lower-case hex: what the database keeps and looks up. */
    public String hash() {
        return hash(value);
    }

    public static String hash(String writeKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(writeKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "WriteKey[***]";
    }
}
