package crm.ingest.webhooks;

import jakarta.ws.rs.core.HttpHeaders;

/** Reads a delivery header by any of its names (HTTP/2 lower-cases names; Shopify's newer product drops "X-"). */
public final class WebhookHeaders {
    private WebhookHeaders() {
    }

    public static String first(HttpHeaders headers, String... names) {
        for (String name : names) {
            String v = headers.getHeaderString(name);
            if (v != null && !v.isBlank()) return v.strip();
        }
        return null;
    }
}
