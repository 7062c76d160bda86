package crm.e2e.security;

import crm.testing.ApiTokenKeys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

/** Credentials an attacker could make: tokens signed by the wrong key, unsigned, for another issuer; forged links. */
final class Forgery {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final ApiTokenKeys STRANGER = ApiTokenKeys.generate();

    private Forgery() {
    }

    /** A well-formed workspace token, signed by a key the suite never saw. */
    static String otherKey(String workspaceId) {
        return STRANGER.tokenFor(workspaceId);
    }

    /** The same claims as a real token, with {@code "alg":"none"} and no signature. */
    static String algNone(String realToken) {
        String payload = realToken.split("\\.")[1];
        return B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + payload + ".";
    }

    /** Signed by the suite's own key, but naming another issuer than "crm". */
    static String otherIssuer(ApiTokenKeys keys, String workspaceId) {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"evil\",\"sub\":\"" + workspaceId + "\",\"ws\":\"" + workspaceId
                + "\",\"groups\":[\"workspace\"],\"iat\":" + now + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String input = B64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getMimeDecoder().decode(keys.privateKeyPem().replaceAll("-----[A-Z ]+-----", ""))));
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsubscribe link of the right shape (payload.mac) naming a real profile, with a made-up MAC. */
    static String unsubscribeToken(Random rng, String workspaceId, String profileId) {
        byte[] mac = new byte[32];
        rng.nextBytes(mac);
        String payload = B64.encodeToString(String.join("\n", workspaceId, profileId, "email", "m-1").getBytes(StandardCharsets.UTF_8));
        return payload + "." + B64.encodeToString(mac);
    }
}
