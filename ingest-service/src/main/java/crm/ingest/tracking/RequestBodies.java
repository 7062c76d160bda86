package crm.ingest.tracking;

import crm.web.ProblemException;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * The body of a tracking call as the client meant it: RudderStack's SDKs gzip by default and Segment's Python SDK can
 * ({@code Content-Encoding: gzip}). Inflating stops one byte past the limit, so a small compressed body cannot expand
 * into a large one in memory; the limits apply to the JSON itself, compressed or not.
 */
final class RequestBodies {
    private RequestBodies() {
    }

    static byte[] decode(byte[] raw, String contentEncoding, int limit, String limitName) {
        byte[] body = raw == null ? new byte[0] : raw;
        String encoding = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        byte[] decoded = switch (encoding) {
            case "", "identity" -> body;
            case "gzip", "x-gzip" -> inflate(body, limit, true);
            case "deflate" -> inflate(body, limit, false);
            default -> throw new ProblemException(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported Content-Encoding " + quoted(contentEncoding) + "; send identity, gzip or deflate", null);
        };
        if (decoded.length > limit) throw tooLarge(decoded == body ? decoded.length : -1, limit, limitName);
        return decoded;
    }

    private static byte[] inflate(byte[] body, int limit, boolean gzip) {
        try (InputStream in = gzip ? new GZIPInputStream(new ByteArrayInputStream(body))
                : new InflaterInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit + 1, body.length * 4 + 64));
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > limit) break;
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ProblemException.badRequest("the body is not valid " + (gzip ? "gzip" : "deflate") + " data", null);
        }
    }

    private static ProblemException tooLarge(int size, int limit, String limitName) {
        String what = size < 0 ? "over " + limit + " bytes once decompressed" : size + " bytes";
        return ProblemException.badRequest("the " + limitName + " is " + what + "; the limit is " + limit
                + " bytes per " + limitName, null);
    }

    private static String quoted(String s) {
        String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return "\"" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
    }
}
