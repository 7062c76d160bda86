package crm.ingest.webhooks.sendgrid;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * SendGrid's signed Event Webhook: a base64 DER ECDSA (P-256, SHA-256) signature over the timestamp header's bytes
 * followed by the raw body, checked with the account's verification key. The plain JDK verifies it (no BouncyCastle).
 */
public final class SendGridSignature {
    private SendGridSignature() {
    }

    /**
     * The verification key as SendGrid's settings page shows it: base64 of an X.509 SubjectPublicKeyInfo, optionally
     * wrapped in PEM BEGIN/END PUBLIC KEY lines. Empty when it is not an EC public key.
     */
    public static Optional<PublicKey> publicKey(String text) {
        if (text == null) return Optional.empty();
        String base64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return key instanceof ECPublicKey ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** Whether any of the keys verifies the signature; a missing part or an unreadable key verifies nothing. */
    public static boolean verifiesWithAny(List<String> publicKeys, String timestamp, byte[] body, String signatureBase64) {
        if (timestamp == null || signatureBase64 == null) return false;
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureBase64.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean verified = false;
        for (String text : publicKeys) {
            Optional<PublicKey> key = publicKey(text);
            if (key.isPresent()) verified |= verifies(key.get(), timestamp, body, signature);
        }
        return verified;
    }

    static boolean verifies(PublicKey key, String timestamp, byte[] body, byte[] signature) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(key);
            ecdsa.update(timestamp.getBytes(StandardCharsets.UTF_8));
            ecdsa.update(body);
            return ecdsa.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A malformed DER signature throws instead of answering false.
            return false;
        }
    }
}
