package crm.ingest.tracking;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.ingest.Ingest;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * What the official server-side SDKs really send, pointed at our host, request by request: path, headers, encoding and
 * body shape, each taken from the SDK's own source or tests (cited per test). Each must land unmodified.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class SdkShapesTest {
    private Map<String, String> workspace;

    @BeforeEach
    void newWorkspace() {
        workspace = Ingest.createWorkspace("SDK " + UUID.randomUUID());
    }

    private String writeKey() {
        return workspace.get("writeKey");
    }

    /**
     * segmentio/analytics-java 3.x: Analytics.Builder posts to DEFAULT_PATH "/v1/import/" (trailing slash) with
     * User-Agent "analytics-java/&lt;version&gt;" and no Authorization header (AnalyticsRequestInterceptor only sets the
     * user agent); the write key travels in the body. Body: messages/Batch.java (batch, sentAt, context.library,
     * sequence, writeKey); items from messages/*Message.java (type, messageId, timestamp, context, userId,
     * anonymousId, integrations, event, properties), dates as ISO-8601 with milliseconds (gson/Iso8601Utils).
     */
    @Test
    void analytics_java_batch_to_v1_import_slash_with_the_write_key_in_the_body_lands() {
        String trackId = UUID.randomUUID().toString();
        String identifyId = UUID.randomUUID().toString();
        String body = """
                {"batch":[
                  {"type":"identify","messageId":"%2$s","timestamp":"2024-05-01T09:59:58.120Z",
                   "context":{},"userId":"java-user","integrations":{},
                   "traits":{"email":"Java.User@Example.com","name":"Java User"}},
                  {"type":"track","messageId":"%3$s","timestamp":"2024-05-01T09:59:59.500Z",
                   "userId":"java-user","integrations":{},"event":"Completed Order",
                   "properties":{"order_id":"j-1","total":12.5,"currency":"EUR"}}],
                 "sentAt":"2024-05-01T10:00:00.000Z",
                 "context":{"library":{"name":"analytics-java","version":"3.5.1"}},
                 "sequence":1,
                 "writeKey":"%1$s"}""".formatted(writeKey(), identifyId, trackId);

        given().header("User-Agent", "analytics-java/3.5.1").contentType("application/json; charset=UTF-8")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/import/")
                .then().statusCode(200).body("success", equalTo(true));

        CustomerEvent identify = Ingest.awaitEvent(identifyId);
        CustomerEvent track = Ingest.awaitEvent(trackId);
        assertThat(identify.type()).isEqualTo(EventType.IDENTIFY);
        assertThat(identify.identities().email()).isEqualTo("java.user@example.com");
        assertThat(track.name()).isEqualTo("Order Completed");
        assertThat(track.workspaceId()).isEqualTo(workspace.get("id"));
        assertThat(track.context()).containsEntry("library", Map.of("name", "analytics-java", "version", "3.5.1"));
        // timestamp 0.5 s before the batch's sentAt: it happened 0.5 s before we received it.
        assertThat(track.timestamp()).isEqualTo(track.receivedAt().minusMillis(500));
    }

    /**
     * segmentio/analytics-java 2.x: internal/http/SegmentService.java {@code @POST("/v1/import")}, the write key as
     * Basic-auth username with an empty password (AnalyticsRequestInterceptor: Credentials.basic(writeKey, "")).
     */
    @Test
    void analytics_java_2_batch_to_v1_import_with_basic_auth_lands() {
        String id = UUID.randomUUID().toString();
        String body = """
                {"batch":[{"type":"track","messageId":"%s","timestamp":"2024-05-01T10:00:00.000Z",
                  "userId":"java2-user","event":"Viewed Product","properties":{"sku":"s-1"}}],
                 "sentAt":"2024-05-01T10:00:00.000Z",
                 "context":{"library":{"name":"analytics-java","version":"2.1.1"}}}""".formatted(id);

        given().header("Authorization", Ingest.basic(writeKey())).header("User-Agent", "analytics-java/2.1.1")
                .contentType("application/json").body(body)
                .when().post("/v1/import")
                .then().statusCode(200);

        assertThat(Ingest.awaitEvent(id).name()).isEqualTo("Product Viewed");
    }

    /**
     * segmentio/analytics-next packages/node (@segment/analytics-node): plugins/segmentio/publisher.ts posts
     * {@code {batch, sentAt}} to "https://api.segment.io/v1/batch" with Content-Type application/json, Authorization
     * Basic base64(writeKey + ":") and User-Agent "analytics-node-next/latest". Items as asserted in
     * __tests__/test-helpers/assert-shape/segment-http-api.ts: messageId "node-next-&lt;ms&gt;-&lt;uuid&gt;", timestamp,
     * _metadata, context.library {name: "@segment/analytics-node"}, integrations {} (methods.test.ts: page has name,
     * category and properties.category; alias has previousId and userId).
     */
    @Test
    void segment_analytics_node_batch_with_basic_auth_lands() {
        String suffix = System.currentTimeMillis() + "-" + UUID.randomUUID();
        String pageId = "node-next-" + suffix;
        String aliasId = "node-next-a" + suffix;
        String body = """
                {"batch":[
                  {"type":"page","userId":"foo-user-id","name":"Home","category":"Category",
                   "properties":{"category":"Category","url":"http://localhost"},
                   "messageId":"%s","timestamp":"2024-05-01T10:00:00.123Z",
                   "_metadata":{"nodeVersion":"20.11.1","jsRuntime":"node"},
                   "context":{"library":{"name":"@segment/analytics-node","version":"2.1.2"}},"integrations":{}},
                  {"type":"alias","previousId":"from","userId":"to",
                   "messageId":"%s","timestamp":"2024-05-01T10:00:00.124Z",
                   "_metadata":{"nodeVersion":"20.11.1","jsRuntime":"node"},
                   "context":{"library":{"name":"@segment/analytics-node","version":"2.1.2"}},"integrations":{}}],
                 "sentAt":"2024-05-01T10:00:00.200Z"}""".formatted(pageId, aliasId);

        given().header("Authorization", Ingest.basic(writeKey())).header("User-Agent", "analytics-node-next/latest")
                .contentType("application/json").body(body)
                .when().post("/v1/batch")
                .then().statusCode(200);

        CustomerEvent page = Ingest.awaitEvent(pageId);
        assertThat(page.type()).isEqualTo(EventType.PAGE);
        assertThat(page.name()).isEqualTo("Home");
        assertThat(page.properties()).containsEntry("url", "http://localhost").containsEntry("category", "Category");
        CustomerEvent alias = Ingest.awaitEvent(aliasId);
        assertThat(alias.type()).isEqualTo(EventType.ALIAS);
        assertThat(alias.previousId()).isEqualTo("from");
        assertThat(alias.identities().userId()).isEqualTo("to");
    }

    /**
     * segmentio/analytics-python: segment/analytics/request.py post() sends {@code {batch, sentAt, writeKey}} to
     * host + "/v1/batch" with Basic auth, User-Agent "analytics-python/&lt;version&gt;", and with gzip=True
     * Content-Encoding: gzip; sentAt and timestamps are datetime.isoformat() with a +00:00 offset and microseconds.
     * client.py builds items with integrations, anonymousId (None when not given: JSON null), timestamp, context
     * (library analytics-python), type, userId, messageId (uuid4).
     */
    @Test
    void analytics_python_gzipped_batch_with_basic_auth_and_body_write_key_lands() {
        String id = UUID.randomUUID().toString();
        String body = """
                {"batch": [{"integrations": {}, "anonymousId": null, "properties": {"revenue": 9.99},
                  "timestamp": "2024-05-01T09:59:59.750000+00:00",
                  "context": {"library": {"name": "analytics-python", "version": "2.3.4"}},
                  "userId": "py-user", "type": "track", "event": "Started Checkout", "messageId": "%s"}],
                 "sentAt": "2024-05-01T10:00:00.000000+00:00", "writeKey": "%s"}""".formatted(id, writeKey());

        given().header("Authorization", Ingest.basic(writeKey())).header("User-Agent", "analytics-python/2.3.4")
                .header("Content-Encoding", "gzip").contentType("application/json")
                .body(Ingest.gzip(body))
                .when().post("/v1/batch")
                .then().statusCode(200);

        CustomerEvent e = Ingest.awaitEvent(id);
        assertThat(e.name()).isEqualTo("Checkout Started");
        assertThat(e.identities().anonymousId()).isNull();
        assertThat(e.timestamp()).isEqualTo(e.receivedAt().minusMillis(250));
    }

    /**
     * rudderlabs/rudder-sdk-node: src/index.js flush() gzips by default (Content-Encoding: gzip), posts
     * {@code {batch, timestamp, sentAt}} to dataPlaneUrl + "/v1/batch" with axios auth {username: writeKey} (Basic)
     * and user-agent "analytics-node/&lt;version&gt;"; enqueue() stamps each item with type, context.library
     * {name: "analytics-node"}, channel "server", _metadata.nodeVersion, originalTimestamp (no timestamp), a uuid
     * messageId, its own sentAt, and copies identify traits into context.traits.
     */
    @Test
    void rudderstack_node_gzipped_batch_with_original_timestamp_lands() {
        String id = UUID.randomUUID().toString();
        String body = """
                {"batch":[{"userId":"rs-user","traits":{"email":"rs@example.com","plan":"pro"},
                  "context":{"traits":{"email":"rs@example.com","plan":"pro"},
                             "library":{"name":"analytics-node","version":"2.1.1"}},
                  "type":"identify","channel":"server","_metadata":{"nodeVersion":"20.11.1"},
                  "originalTimestamp":"2024-05-01T09:59:58.000Z","messageId":"%s",
                  "sentAt":"2024-05-01T10:00:00.000Z"}],
                 "timestamp":"2024-05-01T10:00:00.000Z","sentAt":"2024-05-01T10:00:00.000Z"}""".formatted(id);

        given().header("Authorization", Ingest.basic(writeKey())).header("User-Agent", "analytics-node/2.1.1")
                .header("Content-Encoding", "gzip").contentType("application/json")
                .body(Ingest.gzip(body))
                .when().post("/v1/batch")
                .then().statusCode(200);

        CustomerEvent e = Ingest.awaitEvent(id);
        assertThat(e.type()).isEqualTo(EventType.IDENTIFY);
        assertThat(e.identities().email()).isEqualTo("rs@example.com");
        assertThat(e.traits()).containsEntry("plan", "pro");
        assertThat(e.timestamp()).isEqualTo(e.receivedAt().minusSeconds(2));
    }

    /**
     * rudderlabs/rudder-sdk-java: RudderAnalytics.Builder posts to dataPlaneUrl + "v1/batch", gzip on by default
     * (GzipRequestInterceptor), AnalyticsRequestInterceptor sets Basic auth (writeKey, "") and User-Agent
     * "analytics-java/&lt;version&gt;"; messages/Batch.java is {batch, sentAt, context, sequence}.
     */
    @Test
    void rudderstack_java_gzipped_batch_lands() {
        String id = UUID.randomUUID().toString();
        String body = """
                {"batch":[{"type":"screen","messageId":"%s","timestamp":"2024-05-01T10:00:00.000Z",
                  "anonymousId":"rs-anon","name":"Basket","properties":{"items":2},"integrations":{}}],
                 "sentAt":"2024-05-01T10:00:00.000Z",
                 "context":{"library":{"name":"analytics-java","version":"3.1.3"}},"sequence":7}""".formatted(id);

        given().header("Authorization", Ingest.basic(writeKey())).header("User-Agent", "analytics-java/3.1.3")
                .header("Content-Encoding", "gzip").contentType("application/json")
                .body(Ingest.gzip(body))
                .when().post("/v1/batch")
                .then().statusCode(200);

        CustomerEvent e = Ingest.awaitEvent(id);
        assertThat(e.type()).isEqualTo(EventType.SCREEN);
        assertThat(e.name()).isEqualTo("Basket");
        assertThat(e.identities().anonymousId()).isEqualTo("rs-anon");
        assertThat(e.context()).containsKey("library");
    }
}
