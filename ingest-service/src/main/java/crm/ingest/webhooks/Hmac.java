package crm.ingest.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * HMAC signatures as Shopify, WooCommerce (SHA-256) and Twilio (SHA-1) send them: base64 of the raw MAC. Comparison
 * is constant-time over the decoded bytes, and every candidate secret is tried, so the time taken says nothing about
 * which secret (if any) matched.
 */
public final class Hmac {
    public static final String SHA256 = "HmacSHA256";
    public static final String SHA1 = "HmacSHA1";

    private Hmac() {
    }

    public static byte[] mac(String algorithm, String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            // An empty key is not allowed by SecretKeySpec; such a secret can never match anyway.
            byte[] key = secret.getBytes(StandardCharsets.UTF_8);
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is available in every JVM", e);
        }
    }

    public static String base64(String algorithm, String secret, byte[] message) {
        return Base64.getEncoder().encodeToString(mac(algorithm, secret, message));
    }

    /** Whether the base64 signature presented is the MAC of the message under any of the secrets. */
    public static boolean matchesAny(String algorithm, List<String> secrets, byte[] message, String presentedBase64) {
        byte[] presented = decode(presentedBase64);
        boolean match = false;
        // With no secret (unknown workspace, unconfigured provider) the same work is done against a throwaway key.
        for (String secret : secrets.isEmpty() ? List.of("\u0000no-secret") : secrets) {
            boolean equal = MessageDigest.isEqual(mac(algorithm, secret, message), presented);
            match |= equal && !secrets.isEmpty();
        }
        return match;
    }

    private static byte[] decode(String base64) {
        if (base64 == null) return new byte[0];
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
