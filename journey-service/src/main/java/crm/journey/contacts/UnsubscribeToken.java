package crm.journey.contacts;

import crm.events.MessageEvent.Channel;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * What an unsubscribe link names (workspace, profile, channel, message), signed with HMAC-SHA256 so the link alone,
 * without an API token, can unsubscribe exactly that profile and nobody else. Form: base64url(payload).base64url(mac).
 */
public record UnsubscribeToken(String workspaceId, String profileId, Channel channel, String messageId) {
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();
    private static final char SEP = '\n';

    public String sign(byte[] key) {
        String payload = ENC.encodeToString(String.join(String.valueOf(SEP), workspaceId, profileId, channel.name(), messageId)
                .getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENC.encodeToString(mac(key, payload));
    }

    /** The token's content when its signature is right; empty for anything forged, truncated or malformed. */
    public static Optional<UnsubscribeToken> verify(String token, byte[] key) {
        if (token == null || token.length() > 2000) return Optional.empty();
        int dot = token.indexOf('.');
        if (dot < 1 || dot != token.lastIndexOf('.')) return Optional.empty();
        String payload = token.substring(0, dot);
        try {
            byte[] given = DEC.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(key, payload))) return Optional.empty();
            String[] parts = new String(DEC.decode(payload), StandardCharsets.UTF_8).split(String.valueOf(SEP), -1);
            if (parts.length != 4) return Optional.empty();
            return Optional.of(new UnsubscribeToken(parts[0], parts[1], Channel.valueOf(parts[2]), parts[3]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] mac(byte[] key, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
