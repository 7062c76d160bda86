package crm.ingest.webhooks.twilio;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An application/x-www-form-urlencoded body (or query string) read by hand, so the raw bytes stay ours to verify. */
public final class FormBody {
    private FormBody() {
    }

    /** The parameters in order of appearance; empty when the text is not well-formed percent-encoding. */
    public static Optional<Map<String, List<String>>> parse(String text) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) return Optional.of(params);
        try {
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(params);
    }

    public static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) return null;
        String v = values.get(0).strip();
        return v.isEmpty() ? null : v;
    }
}
