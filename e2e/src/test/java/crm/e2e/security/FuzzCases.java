package crm.e2e.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import crm.e2e.Service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * Seeded requests for one operation: those that must be refused whatever the service (bad credentials, bodies that
 * are not JSON, other workspaces' ids, odd ids), and mutations of a valid example (wrong types, missing and extra
 * fields, huge and odd values, deep nesting, other encodings and content types) that may be valid or not.
 */
final class FuzzCases {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Placeholder for a JSON token Jackson would not write as such (1e400, a lone surrogate escape...). */
    private static final String RAW = "\u0001raw:";

    /** One request, described well enough to replay it by hand. */
    record Case(String what, String method, String url, Map<String, String> headers, byte[] body) {
        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
            return what + ": " + method + " " + (url.length() > 200 ? url.substring(0, 200) + "..." : url) + " " + headers.keySet()
                    + (body == null ? "" : " body(" + body.length + ")=" + shown);
        }
    }

    private final SharedSuite.Running s;
    private final Tenant own;
    private final Tenant other;

    FuzzCases(SharedSuite.Running s, Tenant own, Tenant other) {
        this.s = s;
        this.own = own;
        this.other = other;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Requests every service must refuse, storing nothing.

    List<Case> refused(OpenApi.Operation op, Random rng, int count) {
        List<Case> cases = new ArrayList<>();
        List<Consumer<List<Case>>> kinds = new ArrayList<>();
        kinds.add(c -> c.add(badCredentials(op, rng)));
        if (op.hasBody()) kinds.add(c -> c.add(brokenBody(op, rng)));
        if (op.auth() == OpenApi.Auth.API_TOKEN && hasId(op)) kinds.add(c -> c.add(otherWorkspace(op)));
        if ((op.auth() == OpenApi.Auth.API_TOKEN || op.auth() == OpenApi.Auth.ADMIN) && hasId(op)) kinds.add(c -> c.add(oddId(op, rng, false)));
        if (op.auth() == OpenApi.Auth.SIGNED) kinds.add(c -> c.add(badSignature(op, rng)));
        for (int i = 0; i < count; i++) kinds.get(rng.nextInt(kinds.size())).accept(cases);
        return cases;
    }

    private static boolean hasId(OpenApi.Operation op) {
        return op.pathParams().stream().anyMatch(p -> p.equals("id") || p.endsWith("Id"));
    }

    private Case badCredentials(OpenApi.Operation op, Random rng) {
        String jwtOfOwn = own.apiToken();
        String[] kinds = {"no credentials", "garbage bearer", "expired token", "token signed by another key", "alg none token",
                "token of another issuer", "unknown write key", "API token where another credential is due", "empty bearer",
                "basic with a bearer token", "admin token with a suffix"};
        String kind = op.auth() == OpenApi.Auth.SIGNED ? "no credentials" : kinds[rng.nextInt(kinds.length)];
        Map<String, String> h = new LinkedHashMap<>();
        switch (kind) {
            case "garbage bearer" -> h.put("Authorization", "Bearer " + garbageText(rng, 40));
            case "expired token" -> h.put("Authorization", "Bearer " + s.keys.tokenFor(own.id(), Instant.now().minusSeconds(3600)));
            case "token signed by another key" -> h.put("Authorization", "Bearer " + Forgery.otherKey(own.id()));
            case "alg none token" -> h.put("Authorization", "Bearer " + Forgery.algNone(jwtOfOwn));
            case "token of another issuer" -> h.put("Authorization", "Bearer " + Forgery.otherIssuer(s.keys, own.id()));
            case "unknown write key" -> h.putAll(RawHttp.basic("wk_" + UUID.randomUUID()));
            case "API token where another credential is due" -> {
                if (op.auth() == OpenApi.Auth.API_TOKEN) h.putAll(RawHttp.basic(own.writeKey()));
                else if (op.auth() == OpenApi.Auth.WRITE_KEY) h.putAll(RawHttp.basic(jwtOfOwn));
                else h.putAll(RawHttp.bearer(jwtOfOwn));
            }
            case "empty bearer" -> h.put("Authorization", "Bearer ");
            case "basic with a bearer token" -> h.put("Authorization", "Basic " + jwtOfOwn);
            case "admin token with a suffix" -> h.put("Authorization", "Bearer " + s.suite.adminToken() + "x");
            default -> {
            }
        }
        if (op.auth() == OpenApi.Auth.WRITE_KEY) {
            // The tracking API also reads a writeKey from the body: a refused case must carry none that works.
            ObjectNode body = (ObjectNode) validBody(op);
            body.put("writeKey", "wk_" + UUID.randomUUID());
            return withJson(kind, op, url(op, own), h, body);
        }
        return op.hasBody() ? withJson(kind, op, url(op, own), h, validBody(op)) : new Case(kind, op.method(), url(op, own), h, null);
    }

    private Case brokenBody(OpenApi.Operation op, Random rng) {
        Map<String, String> h = new LinkedHashMap<>(credentials(op));
        String json = write(validBody(op));
        String[] kinds = {"garbage bytes", "truncated JSON", "invalid UTF-8", "nesting deeper than any parser allows",
                "a JSON number", "a JSON string", "a JSON boolean", "an array of numbers", "oversized body",
                "XML", "a form", "lone comma"};
        String kind = kinds[rng.nextInt(kinds.length)];
        byte[] body;
        String type = "application/json";
        switch (kind) {
            case "garbage bytes" -> {
                body = new byte[1 + rng.nextInt(300)];
                rng.nextBytes(body);
                body[0] = (byte) '\u00ff';
            }
            case "truncated JSON" -> body = json.substring(0, Math.max(1, json.length() / 2)).getBytes(StandardCharsets.UTF_8);
            case "invalid UTF-8" -> body = invalidUtf8(json);
            case "nesting deeper than any parser allows" -> body = ("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            case "a JSON number" -> body = "-1e999".getBytes(StandardCharsets.UTF_8);
            case "a JSON string" -> body = "\"\\u0000\"".getBytes(StandardCharsets.UTF_8);
            case "a JSON boolean" -> body = "true".getBytes(StandardCharsets.UTF_8);
            case "an array of numbers" -> body = "[1,2,3]".getBytes(StandardCharsets.UTF_8);
            // Over ingest's 1 MB limit; where the limit is higher, an unterminated string is refused as malformed.
            case "oversized body" -> body = ("{\"k\":\"" + "A".repeat(1_100_000)).getBytes(StandardCharsets.UTF_8);
            case "XML" -> {
                body = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"
                        .getBytes(StandardCharsets.UTF_8);
                type = rng.nextBoolean() ? "application/xml" : "application/json";
            }
            case "a form" -> {
                body = "name=x&condition=y".getBytes(StandardCharsets.UTF_8);
                type = "application/x-www-form-urlencoded";
            }
            default -> body = "{,}".getBytes(StandardCharsets.UTF_8);
        }
        h.put("Content-Type", type);
        return new Case("body: " + kind, op.method(), url(op, own), h, body);
    }

    /** The JSON with bytes that are not UTF-8 inside its first string value (a value is decoded; a skipped field is not). */
    private static byte[] invalidUtf8(String json) {
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
        int at = json.indexOf(":\"");
        if (at < 0) {
            return concat(json.substring(0, Math.max(1, json.length() - 1)).getBytes(StandardCharsets.UTF_8),
                    concat(new byte[] {',', '"', 'k', '"', ':', '"'}, concat(bad, new byte[] {'"', '}'})));
        }
        byte[] head = json.substring(0, at + 2).getBytes(StandardCharsets.UTF_8);
        return concat(concat(head, bad), json.substring(at + 2).getBytes(StandardCharsets.UTF_8));
    }

    private Case otherWorkspace(OpenApi.Operation op) {
        Map<String, String> h = new LinkedHashMap<>(other.token());
        if (op.hasBody()) return withJson("another workspace's ids", op, url(op, own), h, validBody(op));
        return new Case("another workspace's ids", op.method(), url(op, own), h, null);
    }

    private Case oddId(OpenApi.Operation op, Random rng, boolean dotSegments) {
        String id = oddIds(rng, dotSegments);
        String url = url(op, own);
        String path = op.path();
        for (String p : op.pathParams()) {
            String v = p.equals("id") || p.endsWith("Id") ? id : own.pathValue(op, p);
            path = path.replaceAll("\\{" + p + "(:[^}]*)?}", java.util.regex.Matcher.quoteReplacement(v));
        }
        url = s.url(op.service()) + path;
        Map<String, String> h = new LinkedHashMap<>(credentials(op));
        if (op.hasBody()) return withJson("odd id " + id, op, url, h, validBody(op));
        return new Case("odd id " + id, op.method(), url, h, null);
    }

    private static String oddIds(Random rng, boolean dotSegments) {
        // "%2e%2e" is a dot segment: the URL normalises to the parent path, a valid request of its own.
        if (dotSegments && rng.nextInt(8) == 0) return rng.nextBoolean() ? "%2e%2e" : ".";
        String[] ids = {UUID.randomUUID().toString(), "0", "-1", "null", "undefined", "..%2F..%2Fq%2Fhealth",
                "%27%20OR%201%3D1--", "%00", "%C3%28", "%F0%9F%92%A9", "9".repeat(40), "x".repeat(2000), "%20",
                UUID.randomUUID().toString().toUpperCase(), UUID.randomUUID() + "%0Aheader:%20x", "%22%3E%3Cscript%3E"};
        return ids[rng.nextInt(ids.length)];
    }

    private Case badSignature(OpenApi.Operation op, Random rng) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Shopify-Hmac-Sha256", java.util.Base64.getEncoder().encodeToString(garbageText(rng, 32).getBytes(StandardCharsets.UTF_8)));
        h.put("X-Shopify-Topic", "orders/create");
        h.put("X-WC-Webhook-Signature", "AAAA");
        h.put("X-WC-Webhook-Topic", "order.created");
        h.put("X-Twilio-Signature", "AAAA");
        h.put("X-Twilio-Email-Event-Webhook-Signature", "MEUCIQ");
        h.put("X-Twilio-Email-Event-Webhook-Timestamp", String.valueOf(Instant.now().getEpochSecond()));
        String url = url(op, own);
        if (op.path().startsWith("/v1/unsubscribe/")) {
            // A link signed for nobody: forged token text of the usual shape.
            url = s.url(op.service()) + "/v1/unsubscribe/" + Forgery.unsubscribeToken(rng, own.id(), own.profileId());
        }
        if (op.hasBody()) return withJson("forged signature", op, url, h, validBody(op));
        return new Case("forged signature", op.method(), url, h, null);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Mutations of a valid request, with valid credentials: valid or not, never a 5xx.

    List<Case> mutated(OpenApi.Operation op, Random rng, int count) {
        List<Case> cases = new ArrayList<>();
        cases.add(op.hasBody() ? withJson("valid example", op, url(op, own), credentials(op), validBody(op))
                : new Case("valid example", op.method(), url(op, own), credentials(op), null));
        List<Consumer<List<Case>>> kinds = new ArrayList<>();
        if (op.hasBody()) {
            kinds.add(c -> c.add(mutatedBody(op, rng)));
            kinds.add(c -> c.add(mutatedBody(op, rng)));
            kinds.add(c -> c.add(mutatedBody(op, rng)));
            kinds.add(c -> c.add(otherEncoding(op, rng)));
        }
        if (!op.query().isEmpty()) kinds.add(c -> c.add(oddQuery(op, rng)));
        if (hasId(op) && op.auth() != OpenApi.Auth.SIGNED) kinds.add(c -> c.add(oddId(op, rng, true)));
        if (kinds.isEmpty()) kinds.add(c -> c.add(oddHeaders(op, rng)));
        for (int i = 1; i < count; i++) kinds.get(rng.nextInt(kinds.size())).accept(cases);
        return cases;
    }

    private Case mutatedBody(OpenApi.Operation op, Random rng) {
        JsonNode body = validBody(op);
        List<Slot> slots = new ArrayList<>();
        slots(body, slots);
        String[] kinds = {"wrong type", "missing field", "extra field", "huge string", "huge or odd number", "odd text",
                "deep nesting", "null", "empty object", "duplicate key", "trailing garbage"};
        String kind = kinds[rng.nextInt(kinds.length)];
        if (kind.equals("trailing garbage")) {
            // Not JSON, so never valid; kept out of the refused-only phase while KnownDefect.TRAILING_TOKENS_ACCEPTED stands.
            return jsonCase("trailing garbage", op, url(op, own), credentials(op), (write(body) + "}{]").getBytes(StandardCharsets.UTF_8));
        }
        if (slots.isEmpty() && !kind.equals("extra field") && !kind.equals("duplicate key")) kind = "empty object";
        Slot slot = slots.isEmpty() ? null : slots.get(rng.nextInt(slots.size()));
        String what = kind + (slot == null ? "" : " at " + slot.name());
        switch (kind) {
            case "wrong type" -> slot.set(wrongType(slot.get(), rng));
            case "missing field" -> slot.remove();
            case "extra field" -> {
                if (body.isObject()) ((ObjectNode) body).set("unexpected_" + rng.nextInt(100), anyValue(rng));
            }
            case "huge string" -> slot.set(NODES.textNode(hugeText(rng)));
            case "huge or odd number" -> slot.set(NODES.textNode(RAW + oddNumber(rng)));
            case "odd text" -> slot.set(NODES.textNode(RAW + oddText(rng)));
            case "deep nesting" -> {
                int depth = 50 + rng.nextInt(900);
                slot.set(NODES.textNode(RAW + (rng.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth))));
            }
            case "null" -> slot.set(NODES.nullNode());
            case "empty object" -> body = NODES.objectNode();
            default -> {
                String json = write(body);
                if (json.startsWith("{") && json.length() > 2) {
                    return jsonCase(what, op, url(op, own), credentials(op),
                            json.replaceFirst("\\{", "{\"dup\":1,\"dup\":\"x\",").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return withJson(what, op, url(op, own), credentials(op), body);
    }

    private Case otherEncoding(OpenApi.Operation op, Random rng) {
        String json = write(validBody(op));
        Map<String, String> h = new LinkedHashMap<>(credentials(op));
        String[] kinds = {"UTF-16 with BOM", "UTF-8 BOM", "no Content-Type", "text/plain", "charset ISO-8859-1",
                "gzip declared but plain", "gzip", "brotli declared", "octet-stream", "multipart"};
        String kind = kinds[rng.nextInt(kinds.length)];
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        h.put("Content-Type", "application/json");
        switch (kind) {
            case "UTF-16 with BOM" -> body = json.getBytes(StandardCharsets.UTF_16);
            case "UTF-8 BOM" -> body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body);
            case "no Content-Type" -> h.remove("Content-Type");
            case "text/plain" -> h.put("Content-Type", "text/plain");
            case "charset ISO-8859-1" -> {
                h.put("Content-Type", "application/json; charset=ISO-8859-1");
                body = json.replace("\"}", "\u00e9\"}").getBytes(StandardCharsets.ISO_8859_1);
            }
            case "gzip declared but plain" -> h.put("Content-Encoding", "gzip");
            case "gzip" -> {
                h.put("Content-Encoding", "gzip");
                body = gzip(body);
            }
            case "brotli declared" -> h.put("Content-Encoding", "br");
            case "octet-stream" -> h.put("Content-Type", "application/octet-stream");
            default -> h.put("Content-Type", "multipart/form-data; boundary=x");
        }
        return new Case("encoding: " + kind, op.method(), url(op, own), h, body);
    }

    private Case oddQuery(OpenApi.Operation op, Random rng) {
        String[] values = {"-1", "0", "99999999999999999999", "abc", "", "%00", "1e3", "%F0%9F%92%A9", "x".repeat(3000),
                "%27%20OR%201%3D1--", "2147483648", "NaN", "%C3%28", "true", "2024-13-45T99:99:99Z"};
        StringBuilder q = new StringBuilder();
        for (String name : op.query()) {
            if (rng.nextInt(3) == 0) continue;
            q.append(q.isEmpty() ? "?" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(values[rng.nextInt(values.length)]);
            if (rng.nextInt(4) == 0) q.append('&').append(name).append('=').append(values[rng.nextInt(values.length)]);
        }
        if (q.isEmpty()) q.append("?").append(op.query().get(0)).append("=").append(values[rng.nextInt(values.length)]);
        String what = "odd query " + q;
        if (op.hasBody()) return withJson(what, op, url(op, own) + q, credentials(op), validBody(op));
        return new Case(what, op.method(), url(op, own) + q, credentials(op), null);
    }

    private Case oddHeaders(OpenApi.Operation op, Random rng) {
        Map<String, String> h = new LinkedHashMap<>(credentials(op));
        String[] kinds = {"Accept: application/xml", "Accept: text/csv", "huge header", "X-Forwarded-For spoof", "Accept-Charset"};
        String kind = kinds[rng.nextInt(kinds.length)];
        switch (kind) {
            case "Accept: application/xml" -> h.put("Accept", "application/xml");
            case "Accept: text/csv" -> h.put("Accept", "text/csv");
            case "huge header" -> h.put("X-Fuzz", "y".repeat(6000));
            case "X-Forwarded-For spoof" -> h.put("X-Forwarded-For", "127.0.0.1, ' OR 1=1");
            default -> h.put("Accept-Charset", "utf-32");
        }
        return new Case("headers: " + kind, op.method(), url(op, own), h, null);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Valid requests.

    /** The credentials the operation takes, valid for the own tenant. */
    Map<String, String> credentials(OpenApi.Operation op) {
        return switch (op.auth()) {
            case ADMIN -> RawHttp.bearer(s.suite.adminToken());
            case WRITE_KEY -> RawHttp.basic(own.writeKey());
            case API_TOKEN -> own.token();
            case SIGNED -> Map.of();
        };
    }

    String url(OpenApi.Operation op, Tenant t) {
        return t.url(s, op);
    }

    /** A valid body: hand-written where the schema says too little (tracking, conditions, journeys), else from the schema. */
    JsonNode validBody(OpenApi.Operation op) {
        String userId = own.userId();
        Map<String, Object> known = new HashMap<>();
        String p = op.path();
        if (op.service() == Service.INGEST) {
            if (p.equals("/v1/workspaces")) return node(Map.of("name", "fuzzed store"));
            if (p.contains("webhook-secrets")) return node(Map.of("secret", "whsec-fuzz-" + UUID.randomUUID(), "previous", "keep"));
            if (p.endsWith("/identify")) return node(Map.of("userId", userId, "traits", Map.of("first_name", "Fuzz", "plan", "pro")));
            if (p.endsWith("/track")) return node(Map.of("userId", userId, "event", "Product Viewed",
                    "properties", Map.of("product_id", "p-1", "price", 9.5, "category", "shoes")));
            if (p.endsWith("/page") || p.endsWith("/screen")) return node(Map.of("userId", userId, "name", "Home",
                    "properties", Map.of("path", "/")));
            if (p.endsWith("/group")) return node(Map.of("userId", userId, "groupId", "g-1", "traits", Map.of("plan", "b2b")));
            if (p.endsWith("/alias")) return node(Map.of("userId", userId, "previousId", "anon-" + UUID.randomUUID()));
            if (p.contains("endpoint") || p.endsWith("/batch") || p.endsWith("/import")) {
                return node(Map.of("batch", List.of(Map.of("type", "track", "userId", userId, "event", "Product Viewed",
                        "properties", Map.of("product_id", "p-2")))));
            }
            if (p.startsWith("/v1/webhooks/")) return node(Map.of("id", 1, "email", own.email(), "total_price", "10.00"));
        }
        if (p.equals("/v1/segments") || p.equals("/v1/segments/{id}")) {
            return node(Map.of("name", "fuzzed segment " + UUID.randomUUID(), "condition", "orders_count >= 1 and total_spent > 10"));
        }
        if (p.equals("/v1/segments/validate") || p.equals("/v1/segments/preview")) {
            return node(Map.of("condition", "last_order_date within 30d or engagement_score in top 10%"));
        }
        if (p.equals("/v1/journeys") || p.equals("/v1/journeys/{id}")) {
            known.put("name", "fuzzed journey");
            known.put("definition", Map.of(
                    "trigger", Map.of("type", "event", "event", "Checkout Started"),
                    "steps", List.of(Map.of("type", "wait", "id", "w", "duration", "PT1H"),
                            Map.of("type", "send", "id", "e", "channel", "email", "template", "lost-checkout"))));
            return node(known);
        }
        if (p.startsWith("/v1/providers/")) return node(Map.of("provider", "smtp"));
        if (p.startsWith("/v1/profiles/{id}/consent/")) return node(Map.of("status", "subscribed", "source", "fuzz"));
        if (p.equals("/v1/trait-settings")) {
            return node(Map.of("engagementWeights", Map.of("visits", 1, "emailOpens", 2, "emailClicks", 3, "productVisits", 4),
                    "b2bPagePath", "/pro"));
        }
        return op.bodySchema() == null ? NODES.objectNode() : example(op.bodySchema(), 0);
    }

    private static JsonNode example(JsonNode schema, int depth) {
        if (schema == null || depth > 6) return NODES.textNode("x");
        if (schema.has("enum") && schema.get("enum").size() > 0) return schema.get("enum").get(0);
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        switch (type) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                schema.path("properties").properties().forEach(e -> o.set(e.getKey(), example(e.getValue(), depth + 1)));
                if (o.isEmpty() && schema.has("additionalProperties")) o.put("key", "value");
                return o;
            }
            case "array" -> {
                ArrayNode a = NODES.arrayNode();
                a.add(example(schema.get("items"), depth + 1));
                return a;
            }
            case "integer" -> {
                return NODES.numberNode(1);
            }
            case "number" -> {
                return NODES.numberNode(1.5);
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            case "string" -> {
                String format = schema.path("format").asText();
                return switch (format) {
                    case "date-time" -> NODES.textNode("2024-05-01T10:00:00Z");
                    case "date" -> NODES.textNode("2024-05-01");
                    case "uuid" -> NODES.textNode(UUID.randomUUID().toString());
                    case "duration" -> NODES.textNode("PT1H");
                    default -> NODES.textNode("fuzz");
                };
            }
            default -> {
                return NODES.textNode("x");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Values.

    private static JsonNode wrongType(JsonNode was, Random rng) {
        List<JsonNode> options = new ArrayList<>(List.of(NODES.numberNode(123), NODES.textNode("123"), NODES.booleanNode(false),
                NODES.arrayNode().add("a"), NODES.objectNode().put("k", 1), NODES.numberNode(-0.5), NODES.nullNode()));
        options.removeIf(o -> o.getNodeType() == was.getNodeType());
        return options.get(rng.nextInt(options.size()));
    }

    private static JsonNode anyValue(Random rng) {
        return switch (rng.nextInt(5)) {
            case 0 -> NODES.textNode(hugeText(rng));
            case 1 -> NODES.numberNode(rng.nextLong());
            case 2 -> NODES.objectNode().set("nested", NODES.arrayNode().add(1).add("x"));
            case 3 -> NODES.textNode(RAW + oddText(rng));
            default -> NODES.booleanNode(true);
        };
    }

    private static String hugeText(Random rng) {
        int[] sizes = {256, 5_000, 40_000, 300_000};
        char[] alphabet = {'a', 'Z', '9', ' ', '\u00e9', '\u4e2d', '"', '\\'};
        int n = sizes[rng.nextInt(sizes.length)];
        if (rng.nextBoolean()) return "A".repeat(n);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append(alphabet[rng.nextInt(alphabet.length)]);
        return b.toString();
    }

    /** A JSON number token (written raw): out of every Java range, negative, fractional where whole ones are due. */
    private static String oddNumber(Random rng) {
        String[] numbers = {"1e400", "-1e400", "9".repeat(400), "-" + "9".repeat(60), "0.0000000000000000000000001",
                "2147483648", "-2147483649", "9223372036854775808", "-0", "1.5", "-1", "0", "1E+2147483647",
                "1e-2147483648", "123456789012345678901234567890.123456789"};
        return numbers[rng.nextInt(numbers.length)];
    }

    /** A JSON string token (written raw): control and NUL characters, lone surrogates, injections, RTL marks. */
    private static String oddText(Random rng) {
        String[] texts = {"\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u202e\\u0645\\u0631\"",
                "\"' OR 1=1 --\"", "\"${jndi:ldap://127.0.0.1/x}\"", "\"%s%n%x\"", "\"../../../../etc/passwd\"",
                "\"<script>alert(1)</script>\"", "\"\\ud83d\\udca9\\u0301\\u0301\\u0301\"", "\"\"", "\"   \"",
                "\"\\t\\r\\n\\b\\f\"", "\"#{7*7}{{7*7}}\"", "\"\\uFEFF\\uFFFE\\uFFFF\""};
        return texts[rng.nextInt(texts.length)];
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Plumbing.

    /** A place in a JSON tree that a mutation can replace or remove. */
    private record Slot(String name, JsonNode parent, String field, int index) {
        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) ((ObjectNode) parent).set(field, value);
            else ((ArrayNode) parent).set(index, value);
        }

        void remove() {
            if (field != null) ((ObjectNode) parent).remove(field);
            else ((ArrayNode) parent).remove(index);
        }
    }

    private static void slots(JsonNode node, List<Slot> into) {
        slots(node, "", into);
    }

    private static void slots(JsonNode node, String at, List<Slot> into) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            List<String> fields = new ArrayList<>();
            names.forEachRemaining(fields::add);
            for (String f : fields) {
                String name = at.isEmpty() ? f : at + "." + f;
                into.add(new Slot(name, node, f, -1));
                slots(node.get(f), name, into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                into.add(new Slot(at + "[" + i + "]", node, null, i));
                slots(node.get(i), at + "[" + i + "]", into);
            }
        }
    }

    private static JsonNode node(Object value) {
        return RawHttp.JSON.valueToTree(value);
    }

    /** JSON text with the raw placeholders put back as the tokens they stand for. */
    private static String write(JsonNode body) {
        try {
            String json = RawHttp.JSON.writeValueAsString(body);
            StringBuilder out = new StringBuilder();
            String marker = "\"" + RawHttp.JSON.writeValueAsString(RAW).replace("\"", "");
            int from = 0;
            int at;
            while ((at = json.indexOf(marker, from)) >= 0) {
                out.append(json, from, at);
                int end = endOfString(json, at + 1);
                String token = RawHttp.JSON.readValue(json.substring(at, end + 1), String.class).substring(RAW.length());
                out.append(token);
                from = end + 1;
            }
            return out.append(json.substring(from)).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int endOfString(String json, int from) {
        for (int i = from; i < json.length(); i++) {
            if (json.charAt(i) == '\\') i++;
            else if (json.charAt(i) == '"') return i;
        }
        throw new IllegalStateException("unterminated string in " + json);
    }

    private Case withJson(String what, OpenApi.Operation op, String url, Map<String, String> headers, JsonNode body) {
        return jsonCase(what, op, url, headers, write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static Case jsonCase(String what, OpenApi.Operation op, String url, Map<String, String> headers, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putIfAbsent("Content-Type", op.bodyTypes().isEmpty() || op.bodyTypes().contains("application/json")
                ? "application/json" : op.bodyTypes().get(0));
        return new Case(what, op.method(), url, h, body);
    }

    private static String garbageText(Random rng, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append((char) ('!' + rng.nextInt(90)));
        return b.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
