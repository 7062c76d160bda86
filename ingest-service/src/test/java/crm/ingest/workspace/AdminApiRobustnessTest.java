package crm.ingest.workspace;

import crm.ingest.Ingest;
import crm.ingest.RandomCases;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static crm.ingest.RandomCases.anyChars;
import static crm.ingest.RandomCases.oneOf;
import static crm.ingest.RandomCases.stringOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated bodies, content types, credentials and path ids at the workspace, write-key and webhook-secret
 * APIs: only 2xx and 4xx problem+json, never 5xx. Generated from seeded {@link Random}s, see {@link RandomCases}.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class AdminApiRobustnessTest {
    private static final int CASES = 40;
    private static final long BASE_SEED = 0x61646D696EL;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One call: method, path, credentials, content type and body drawn independently. */
    record Case(String method, String path, String authorization, String contentType, byte[] body) {
    }

    static Case call(Random r, Map<String, String> workspace) {
        String id = r.nextBoolean() ? workspace.get("id")
                : oneOf(r, new UUID(r.nextLong(), r.nextLong()).toString(), stringOf(r, 'a', 'z', 12), "%20", "..");
        String provider = oneOf(r, "shopify", "woocommerce", "sendgrid", "twilio", "SHOPIFY", "mailgun", "",
                stringOf(r, 'a', 'z', 10), "%C3%A9", "a.b~c_d-e");
        String[] route = oneOf(r, List.of(
                new String[] {"POST", "/v1/workspaces"},
                new String[] {"GET", "/v1/workspaces/" + id},
                new String[] {"POST", "/v1/workspaces/" + id + "/write-keys"},
                new String[] {"GET", "/v1/workspaces/" + id + "/webhook-secrets"},
                new String[] {"PUT", "/v1/workspaces/" + id + "/webhook-secrets/" + provider},
                new String[] {"DELETE", "/v1/workspaces/" + id + "/webhook-secrets/" + provider + "/previous"},
                new String[] {"DELETE", "/v1/workspaces/" + id + "/webhook-secrets/" + provider}));
        // Half the calls carry the right credential for their route, so the generator reaches acceptance too.
        String authorization = r.nextBoolean() ? "Bearer " + (route[0].equals("GET") && route[1].split("/").length == 4
                ? workspace.get("apiToken") : CrmTestInfra.ADMIN_TOKEN) : oneOf(r, "Bearer " + CrmTestInfra.ADMIN_TOKEN,
                "Bearer " + workspace.get("apiToken"), "Bearer " + anyChars(r, 20).replaceAll("[^\\x21-\\x7e]", ""),
                Ingest.basic(workspace.get("writeKey")), "", "Bearer ");
        String contentType = r.nextBoolean() ? "application/json" : oneOf(r, "application/json; charset=utf-8", "text/plain",
                "application/x-www-form-urlencoded", "application/octet-stream", "application/json; charset=latin1");
        String body = switch (r.nextInt(8)) {
            case 0 -> "{\"name\":\"" + stringOf(r, ' ', '~', 250).replace("\\", "").replace("\"", "") + "\"}";
            case 1 -> "{\"secret\":" + oneOf(r, "\"s3cret\"", "\"\"", "null", "5", "[]", "{}",
                    "\"" + "x".repeat(5000) + "\"") + ",\"previous\":" + oneOf(r, "\"keep\"", "\"drop\"", "\"both\"",
                    "null", "true") + "}";
            case 2 -> oneOf(r, "null", "[]", "{}", "\"x\"", "12", "{\"name\":", "{\"name\":{\"a\":1}}",
                    "{\"name\":[1,2]}", "{\"secret\":\"x\",\"extra\":1}");
            case 3 -> anyChars(r, 200);
            case 4 -> "";
            default -> "{\"name\":\"" + new UUID(r.nextLong(), r.nextLong()) + "\",\"secret\":\"" + new UUID(r.nextLong(), r.nextLong()) + "\""
                    + oneOf(r, "", ",\"previous\":\"keep\"", ",\"previous\":\"drop\"") + "}";
        };
        return new Case(route[0], route[1], authorization, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void random_and_mutated_admin_calls_get_2xx_or_4xx_problem_never_5xx() {
        Map<String, String> workspace = Ingest.createWorkspace("Admin robustness " + UUID.randomUUID());
        Map<Integer, Integer> statuses = new HashMap<>();
        RandomCases.check("admin API robustness", BASE_SEED, CASES, r -> call(r, workspace),
                c -> c.method() + " " + c.path() + " auth=" + c.authorization() + " type=" + c.contentType() + " body="
                        + RandomCases.abbreviate(c.body(), 300),
                c -> {
                    HttpRequest.Builder request = HttpRequest.newBuilder(
                                    URI.create("http://localhost:" + RestAssured.port + c.path().replace(" ", "%20")))
                            .header("Content-Type", c.contentType())
                            .method(c.method(), c.method().equals("GET") ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(c.body()));
                    if (!c.authorization().isBlank()) request.header("Authorization", c.authorization());
                    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    assertThat(response.statusCode()).as(response.body()).isBetween(200, 499);
                    if (response.statusCode() >= 400 && !response.body().isEmpty()) {
                        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                                .as(response.body()).startsWith("application/problem+json");
                    }
                });
        System.out.printf("admin API robustness: statuses %s%n", statuses);
        if (System.getProperty(RandomCases.SEED_PROPERTY) == null) {
            assertThat(statuses.keySet()).as("the generator reaches both acceptance and refusal")
                    .containsAnyOf(200, 201, 204).contains(401, 404);
        }
    }
}
