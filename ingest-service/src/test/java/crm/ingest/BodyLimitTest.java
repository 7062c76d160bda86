package crm.ingest;

import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** Bodies over the HTTP layer's 1 MB: a 413 problem+json naming the limit on every endpoint, declared or streamed. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class BodyLimitTest {
    private static final int TWO_MB = 2 * 1024 * 1024;
    /** HTTP/1.1: an input stream of unknown length is then sent chunked, its size known only while reading. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static byte[] twoMegabytes() {
        byte[] body = new byte[TWO_MB];
        Arrays.fill(body, (byte) 'x');
        return body;
    }

    /** Posts the bytes with their Content-Length (what every SDK and provider sends). */
    private static HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertTooLargeProblem(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":413").contains("1048576 bytes");
    }

    @Test
    void a_2_mb_batch_is_413_problem_json_naming_the_limit() throws Exception {
        assertTooLargeProblem(post("/v1/batch", twoMegabytes(), "Authorization", Ingest.basic("any-key")));
    }

    @Test
    void a_2_mb_body_over_http_2_is_413_problem_json_too() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/v1/batch"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(twoMegabytes())).build();
        assertTooLargeProblem(http2.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void a_2_mb_webhook_delivery_is_413_problem_json_naming_the_limit() throws Exception {
        assertTooLargeProblem(post("/v1/webhooks/woocommerce/" + UUID.randomUUID(), twoMegabytes(),
                "X-WC-Webhook-Topic", "order.created"));
        assertTooLargeProblem(post("/v1/webhooks/shopify/" + UUID.randomUUID(), twoMegabytes(),
                "X-Shopify-Topic", "orders/create"));
    }

    @Test
    void a_streamed_body_without_content_length_over_the_limit_is_413_problem_json() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/v1/track"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(twoMegabytes())))
                .build();
        assertTooLargeProblem(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void a_streamed_body_under_the_limit_is_read_and_lands_over_http_1_1_and_http_2() throws Exception {
        Map<String, String> workspace = Ingest.createWorkspace("Streamed " + UUID.randomUUID());
        for (HttpClient client : List.of(HTTP, HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build())) {
            String messageId = "m-" + UUID.randomUUID();
            assertThat(streamedTrack(client, workspace, messageId)).isEqualTo(200);
            assertThat(Ingest.awaitEvent(messageId).workspaceId()).isEqualTo(workspace.get("id"));
        }
    }

    private static int streamedTrack(HttpClient client, Map<String, String> workspace, String messageId) throws Exception {
        byte[] body = ("{\"userId\":\"u-1\",\"event\":\"Streamed\",\"messageId\":\"" + messageId + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/v1/track"))
                .header("Content-Type", "application/json")
                .header("Authorization", Ingest.basic(workspace.get("writeKey")))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.statusCode();
    }

    @Test
    void a_small_gzipped_batch_that_inflates_far_over_the_limits_is_400_naming_the_batch_limit() {
        Map<String, String> workspace = Ingest.createWorkspace("Inflating " + UUID.randomUUID());
        // A few KB on the wire, 5 MB once inflated: inflating stops past the batch limit, the HTTP limit is not reached.
        String json = "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}]}";
        byte[] gzipped = Ingest.gzip(json);
        assertThat(gzipped.length).isLessThan(64 * 1024);
        given().header("Authorization", Ingest.basic(workspace.get("writeKey"))).contentType("application/json")
                .header("Content-Encoding", "gzip").body(gzipped)
                .when().post("/v1/batch")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("512000 bytes per batch"));
    }
}
