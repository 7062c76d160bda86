package crm.ingest.tracking;

import crm.events.Json;
import crm.ingest.Ingest;
import crm.ingest.RandomCases;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static crm.ingest.RandomCases.anyDouble;
import static crm.ingest.RandomCases.anyInt;
import static crm.ingest.RandomCases.anyLong;
import static crm.ingest.RandomCases.anyString;
import static crm.ingest.RandomCases.oneOf;
import static crm.ingest.RandomCases.size;
import static crm.ingest.RandomCases.weighted;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws random and mutated requests at every tracking endpoint through the real HTTP stack (generated from seeded
 * {@link Random}s by the plain-Java generators below, see {@link RandomCases}):
 * random JSON, valid messages with fields deleted or given wrong types, huge strings and numbers, deep nesting, odd
 * charsets, broken gzip, unknown encodings, odd content types, bad or missing credentials. The answer must always be
 * 200 or a 4xx problem+json, never a 5xx.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class TrackingRobustnessTest {
    static final int CASES = 600;
    /** Fixed, so every run sends the same requests; a failure names the seed of its case. */
    static final long BASE_SEED = 0x7261636B696E67L;
    private static final List<String> ENDPOINTS = List.of("/v1/identify", "/v1/track", "/v1/page", "/v1/screen",
            "/v1/group", "/v1/alias", "/v1/batch", "/v1/import", "/v1/import/");
    private static final List<String> FIELDS = List.of("userId", "anonymousId", "messageId", "event", "name",
            "category", "groupId", "previousId", "traits", "properties", "context", "integrations", "timestamp",
            "originalTimestamp", "sentAt", "type", "writeKey", "batch");

    /** One generated request. */
    record Case(String endpoint, String auth, boolean bodyKey, String contentType, String encoding, String charset,
                Object body, String rawBody, String nonce) {
    }

    @Test
    void random_and_mutated_requests_get_200_or_4xx_problem_never_5xx() {
        String writeKey = Ingest.createWorkspace("Robustness " + UUID.randomUUID()).get("writeKey");
        Map<Integer, Integer> statuses = new HashMap<>();
        int tried = RandomCases.check("tracking robustness", BASE_SEED, CASES, TrackingRobustnessTest::request,
                TrackingRobustnessTest::describe, c -> {
                    Response r = send(c, writeKey);
                    statuses.merge(r.statusCode(), 1, Integer::sum);
                    assertThat(r.statusCode()).as("status of %s", describe(c)).isLessThan(500);
                    if (r.statusCode() >= 400) {
                        assertThat(r.contentType()).as("content type of %s", describe(c)).startsWith("application/problem+json");
                        assertThat(r.jsonPath().getInt("status")).isEqualTo(r.statusCode());
                    }
                });
        System.out.printf("tracking robustness: %d cases, statuses %s%n", tried, statuses);
        if (tried == CASES) {
            assertThat(statuses.keySet()).as("the generator reaches both acceptance and refusal").contains(200, 400, 401);
        }
    }

    private static Response send(Case c, String writeKey) {
        Object body = c.body();
        if (c.bodyKey() && body instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>(m);
            copy.put("writeKey", writeKey);
            body = copy;
        }
        String text = c.rawBody() != null ? c.rawBody() : Json.write(body);
        byte[] bytes = text.getBytes(java.nio.charset.Charset.forName(c.charset()));
        if (c.encoding().equals("gzip")) bytes = Ingest.gzip(text);
        if (c.encoding().equals("gzip-broken")) bytes = java.util.Arrays.copyOf(Ingest.gzip(text), Math.max(1, bytes.length / 3));
        // Sent as the bytes they are, whatever the content type says (rest-assured would otherwise form-encode).
        var request = given().config(io.restassured.RestAssured.config().encoderConfig(
                        io.restassured.config.EncoderConfig.encoderConfig()
                                .encodeContentTypeAs("application/x-www-form-urlencoded", io.restassured.http.ContentType.BINARY)
                                .encodeContentTypeAs("text/plain", io.restassured.http.ContentType.BINARY)
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(c.contentType()).body(bytes);
        switch (c.encoding()) {
            case "gzip", "gzip-broken" -> request.header("Content-Encoding", "gzip");
            case "none" -> { }
            default -> request.header("Content-Encoding", c.encoding());
        }
        switch (c.auth()) {
            case "valid" -> request.header("Authorization", Ingest.basic(writeKey));
            case "unknown" -> request.header("Authorization", Ingest.basic("not-a-key-" + c.nonce()));
            case "garbage" -> request.header("Authorization", "Basic %%%not-base64");
            case "bearer" -> request.header("Authorization", "Bearer " + writeKey);
            case "empty-user" -> request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(":".getBytes(StandardCharsets.UTF_8)));
            default -> { }
        }
        return request.when().post(c.endpoint());
    }

    private static String describe(Case c) {
        String body = c.rawBody() != null ? c.rawBody() : Json.write(c.body());
        return c.endpoint() + " auth=" + c.auth() + " bodyKey=" + c.bodyKey() + " type=" + c.contentType()
                + " encoding=" + c.encoding() + " charset=" + c.charset() + " body="
                + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
    }

    /** One request: endpoint, credentials, content type, encoding, charset and body all drawn independently. */
    static Case request(Random r) {
        String endpoint = oneOf(r, ENDPOINTS);
        String auth = weighted(r, 6, 1) == 0 ? "valid" : oneOf(r, "none", "unknown", "garbage", "bearer", "empty-user");
        boolean bodyKey = r.nextBoolean();
        String contentType = oneOf(r, "application/json", "application/json; charset=utf-8",
                "text/plain", "application/x-www-form-urlencoded", "application/octet-stream", "*/*",
                "application/json; charset=iso-8859-1");
        String encoding = switch (weighted(r, 8, 2, 1)) {
            case 0 -> "none";
            case 1 -> "gzip";
            default -> oneOf(r, "gzip-broken", "br", "deflate", "identity", "x-unknown");
        };
        String charset = weighted(r, 8, 1) == 0 ? "UTF-8" : oneOf(r, "UTF-16", "UTF-16LE", "ISO-8859-1", "UTF-32");
        Object body = switch (weighted(r, 4, 2, 1)) {
            case 0 -> mutatedMessage(r);
            case 1 -> mutatedBatch(r);
            default -> jsonValue(r, 4);
        };
        String raw = switch (weighted(r, 12, 1, 1)) {
            case 0 -> null;
            case 1 -> anyString(r, 200);
            default -> oneOf(r, "", "{", "}", "[]", "null", "{\"userId\":\"u\"}{}",
                    "{\"userId\":\"u\",}", "{\"userId\":\"\\ud800\"}", "[".repeat(5000), "{\"a\":" + "9".repeat(5000) + "}",
                    "{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"n\":1e999999999}}",
                    "\ufeff{\"userId\":\"u\",\"event\":\"E\"}");
        };
        return new Case(endpoint, auth, bodyKey, contentType, encoding, charset, body, raw, uuid(r).toString());
    }

    /** A valid message of a random type, then mutated: fields removed, replaced with wrong types, huge values. */
    static Object mutatedMessage(Random r) {
        return mutate(validMessage(r), mutations(r));
    }

    static Object mutatedBatch(Random r) {
        int n = size(r, 12);
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) items.add(mutatedMessage(r));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batch", items);
        body.put("context", jsonValue(r, 2));
        body.put("sentAt", "2024-05-01T10:00:00Z");
        return mutate(body, mutations(r));
    }

    private static Map<String, Object> validMessage(Random r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", oneOf(r, "identify", "track", "page", "screen", "group", "alias"));
        m.put("userId", "u-" + uuid(r));
        m.put("messageId", uuid(r).toString());
        m.put("event", "Completed Order");
        m.put("name", "Home");
        m.put("groupId", "g-1");
        m.put("previousId", "anon-1");
        m.put("traits", Map.of("email", "ada@example.com"));
        m.put("properties", Map.of("total", 42.5));
        m.put("context", Map.of("library", Map.of("name", "analytics-java")));
        m.put("timestamp", "2024-05-01T09:59:00Z");
        m.put("sentAt", "2024-05-01T10:00:00Z");
        return m;
    }

    /** Up to 4 mutations, each a field and what happens to it (null: removed). */
    private static List<Map.Entry<String, Object>> mutations(Random r) {
        int n = size(r, 4);
        List<Map.Entry<String, Object>> mutations = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String field = oneOf(r, FIELDS);
            Object value = switch (weighted(r, 2, 4, 1)) {
                case 0 -> null;
                case 1 -> jsonValue(r, 3);
                default -> hugeValue(r);
            };
            mutations.add(new java.util.AbstractMap.SimpleEntry<>(field, value));
        }
        return mutations;
    }

    private static Map<String, Object> mutate(Map<String, Object> message, List<Map.Entry<String, Object>> mutations) {
        Map<String, Object> m = new LinkedHashMap<>(message);
        for (Map.Entry<String, Object> mutation : mutations) {
            if (mutation.getValue() == null) m.remove(mutation.getKey());
            else m.put(mutation.getKey(), mutation.getValue());
        }
        return m;
    }

    private static Object hugeValue(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> "x".repeat(40_000);
            case 1 -> "é".repeat(20_000);
            case 2 -> new java.math.BigDecimal("1e400");
            case 3 -> new java.math.BigInteger("9".repeat(900));
            case 4 -> Long.MIN_VALUE;
            case 5 -> Double.MAX_VALUE;
            case 6 -> nested(300);
            default -> new ArrayList<>(java.util.Collections.nCopies(5000, 1));
        };
    }

    private static Object nested(int depth) {
        Object v = "bottom";
        for (int i = 0; i < depth; i++) v = Map.of("n", v);
        return v;
    }

    private static UUID uuid(Random r) {
        return UUID.nameUUIDFromBytes(java.nio.ByteBuffer.allocate(16).putLong(r.nextLong()).putLong(r.nextLong()).array());
    }

    /** Any JSON value up to a depth: null, booleans, numbers, strings (any code points), arrays, objects. */
    static Object jsonValue(Random r, int depth) {
        int kind = depth <= 0 ? 0 : weighted(r, 4, 1, 1);
        if (kind == 0) {
            return switch (r.nextInt(7)) {
                case 0 -> null;
                case 1 -> r.nextBoolean();
                case 2 -> anyInt(r);
                case 3 -> anyLong(r);
                case 4 -> anyDouble(r);
                case 5 -> anyString(r, 40);
                default -> oneOf(r, "", " ", "2024-05-01T10:00:00Z", "2024-13-45T99:99:99Z", "1714560000",
                        "\u0000", "\ud83d\ude00", "identify", "track", "batch");
            };
        }
        int n = size(r, 4);
        if (kind == 1) {
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) list.add(jsonValue(r, depth - 1));
            return list;
        }
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            object.put(r.nextBoolean() ? oneOf(r, FIELDS) : anyString(r, 10), jsonValue(r, depth - 1));
        }
        return object;
    }
}
