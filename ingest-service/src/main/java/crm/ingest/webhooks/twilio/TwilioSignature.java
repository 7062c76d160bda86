package crm.ingest.webhooks.twilio;

import crm.ingest.webhooks.Hmac;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Twilio's X-Twilio-Signature: base64 HMAC-SHA1, keyed with the account's auth token, of the full URL Twilio was
 * given (scheme, host, path and query) followed by every POST parameter sorted by name, as name + value (a repeated
 * name contributes each of its values, sorted).
 */
public final class TwilioSignature {
    private TwilioSignature() {
    }

    public static String compute(String authToken, String url, Map<String, List<String>> params) {
        return Hmac.base64(Hmac.SHA1, authToken, signedText(url, params).getBytes(StandardCharsets.UTF_8));
    }

    public static boolean matchesAny(List<String> authTokens, String url, Map<String, List<String>> params, String presented) {
        return Hmac.matchesAny(Hmac.SHA1, authTokens, signedText(url, params).getBytes(StandardCharsets.UTF_8), presented);
    }

    static String signedText(String url, Map<String, List<String>> params) {
        StringBuilder text = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, values) -> {
            List<String> sorted = new ArrayList<>(values);
            sorted.sort(null);
            for (String v : sorted) text.append(name).append(v);
        });
        return text.toString();
    }
}
