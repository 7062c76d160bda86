package crm.ingest.webhooks;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts webhook secrets at rest with AES-256-GCM. A stored value is {@code 0x01 | 12-byte nonce | ciphertext+tag};
 * the workspace and provider are the associated data, so a value copied to another row does not decrypt. The key
 * never leaves this object and {@link #toString()} hides it.
 */
public final class SecretCipher {
    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private SecretCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * @param base64Key 32 random bytes, base64 (for example {@code openssl rand -base64 32})
     * @throws IllegalArgumentException when it is not base64 of exactly 32 bytes
     */
    public static SecretCipher of(String base64Key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("crm.secrets.key must be base64 (openssl rand -base64 32)");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("crm.secrets.key must decode to 32 bytes (AES-256), not " + raw.length);
        }
        return new SecretCipher(raw);
    }

    public byte[] encrypt(String secret, String workspaceId, String provider) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, nonce, workspaceId, provider);
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is available in every JVM", e);
        }
    }

    /** @throws IllegalArgumentException when the value was not sealed by this key for this workspace and provider */
    public String decrypt(byte[] stored, String workspaceId, String provider) {
        if (stored == null || stored.length < 1 + NONCE_BYTES + TAG_BITS / 8 || stored[0] != FORMAT) {
            throw new IllegalArgumentException("not a sealed secret");
        }
        byte[] nonce = java.util.Arrays.copyOfRange(stored, 1, 1 + NONCE_BYTES);
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, nonce, workspaceId, provider);
            return new String(c.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("the secret was sealed with another key or for another workspace");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is available in every JVM", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String workspaceId, String provider) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD((workspaceId + "/" + provider).getBytes(StandardCharsets.UTF_8));
        return c;
    }

    @Override
    public String toString() {
        return "SecretCipher[***]";
    }
}
