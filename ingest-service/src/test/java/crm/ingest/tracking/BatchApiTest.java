package crm.ingest.tracking;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Json;
import crm.ingest.Ingest;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class BatchApiTest {
    private Map<String, String> workspace;

    @BeforeEach
    void newWorkspace() {
        workspace = Ingest.createWorkspace("Batch " + UUID.randomUUID());
    }

    private static Map<String, Object> track(String messageId) {
        return Map.of("type", "track", "userId", "u-" + messageId, "event", "Product Viewed", "messageId", messageId);
    }

    @Test
    void a_batch_with_the_write_key_in_the_body_lands_every_message_with_the_batch_context_merged() {
        String identifyId = UUID.randomUUID().toString();
        String trackId = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of(
                "writeKey", workspace.get("writeKey"),
                "context", Map.of("ip", "10.0.0.1", "library", Map.of("name", "custom")),
                "batch", List.of(
                        Map.of("type", "identify", "userId", "u-1", "messageId", identifyId,
                                "traits", Map.of("email", "batch@example.com")),
                        Map.of("type", "track", "userId", "u-1", "messageId", trackId, "event", "Added Product",
                                "context", Map.of("ip", "10.0.0.2"))));

        given().contentType(ContentType.JSON).body(body)
                .when().post("/v1/batch")
                .then().statusCode(200).body("success", equalTo(true));

        CustomerEvent identify = Ingest.awaitEvent(identifyId);
        CustomerEvent track = Ingest.awaitEvent(trackId);
        assertThat(identify.workspaceId()).isEqualTo(workspace.get("id"));
        assertThat(identify.context()).containsEntry("ip", "10.0.0.1");
        assertThat(track.type()).isEqualTo(EventType.TRACK);
        assertThat(track.name()).isEqualTo("Product Added");
        assertThat(track.context()).containsEntry("ip", "10.0.0.2").containsEntry("library", Map.of("name", "custom"));
    }

    @Test
    void import_is_a_batch_alias() {
        String id = UUID.randomUUID().toString();

        given().header("Authorization", Ingest.basic(workspace.get("writeKey"))).contentType(ContentType.JSON)
                .body(Map.of("batch", List.of(track(id))))
                .when().post("/v1/import")
                .then().statusCode(200);

        assertThat(Ingest.awaitEvent(id).name()).isEqualTo("Product Viewed");
    }

    @Test
    void an_invalid_item_rejects_the_whole_batch_naming_it_and_nothing_is_published() {
        String goodId = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("batch", List.of(track(goodId),
                Map.of("type", "track", "userId", "u", "messageId", UUID.randomUUID().toString())));

        given().header("Authorization", Ingest.basic(workspace.get("writeKey"))).contentType(ContentType.JSON).body(body)
                .when().post("/v1/batch")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("batch[1].event"));

        assertThat(Ingest.eventsWithId(goodId)).isEmpty();
    }

    @Test
    void more_than_2500_messages_is_400_naming_the_limit() {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 2501; i++) items.add(Map.of("type", "page", "userId", "u"));

        given().header("Authorization", Ingest.basic(workspace.get("writeKey"))).contentType(ContentType.JSON)
                .body(Map.of("batch", items))
                .when().post("/v1/batch")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("batch"))
                .body("detail", containsString("2500 messages per batch"));
    }

    @Test
    void a_batch_over_500_kb_is_400_naming_the_limit_compressed_or_not() {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(Map.of("type", "track", "userId", "u", "event", "E", "properties", Map.of("blob", "x".repeat(30_000))));
        }
        String json = Json.write(Map.of("batch", items));

        given().header("Authorization", Ingest.basic(workspace.get("writeKey"))).contentType(ContentType.JSON).body(json)
                .when().post("/v1/batch")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("512000 bytes per batch"));
        given().header("Authorization", Ingest.basic(workspace.get("writeKey"))).contentType(ContentType.JSON)
                .header("Content-Encoding", "gzip").body(Ingest.gzip(json))
                .when().post("/v1/batch")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("512000 bytes per batch"));
    }

    @Test
    void an_item_over_32_kb_is_400_naming_the_item() {
        Map<String, Object> big = Map.of("type", "track", "userId", "u", "event", "E",
                "properties", Map.of("blob", "x".repeat(33_000)));

        given().header("Authorization", Ingest.basic(workspace.get("writeKey"))).contentType(ContentType.JSON)
                .body(Map.of("batch", List.of(track(UUID.randomUUID().toString()), big)))
                .when().post("/v1/batch")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("batch[1]"))
                .body("detail", containsString("32768"));
    }

    @Test
    void a_full_batch_of_2500_messages_lands() {
        String prefix = UUID.randomUUID().toString();
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 2500; i++) items.add(track(prefix + "-" + i));

        given().header("Authorization", Ingest.basic(workspace.get("writeKey"))).contentType(ContentType.JSON)
                .body(Map.of("batch", items))
                .when().post("/v1/batch")
                .then().statusCode(200);

        assertThat(Ingest.awaitEvent(prefix + "-2499").name()).isEqualTo("Product Viewed");
        assertThat(Ingest.awaitEvent(prefix + "-0").name()).isEqualTo("Product Viewed");
    }

    @Test
    void concurrent_batches_are_all_accepted_while_the_broker_is_up() throws Exception {
        String prefix = UUID.randomUUID().toString();
        int clients = 16;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < 100; i++) items.add(track(prefix + "-" + c + "-" + i));
                answers.add(pool.submit(() -> given().header("Authorization", Ingest.basic(workspace.get("writeKey")))
                        .contentType(ContentType.JSON).body(Map.of("batch", items))
                        .when().post("/v1/batch").statusCode()));
            }
            for (var answer : answers) assertThat(answer.get()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Ingest.awaitEvent(prefix + "-" + (clients - 1) + "-99").name()).isEqualTo("Product Viewed");
    }

    @Test
    void a_body_that_is_not_gzip_despite_its_content_encoding_is_400() {
        given().header("Authorization", Ingest.basic(workspace.get("writeKey"))).contentType(ContentType.JSON)
                .header("Content-Encoding", "gzip").body("{\"batch\":[]}")
                .when().post("/v1/batch")
                .then().statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", Ingest.basic(workspace.get("writeKey"))).contentType(ContentType.JSON)
                .header("Content-Encoding", "br").body("{\"batch\":[]}")
                .when().post("/v1/batch")
                .then().statusCode(415)
                .contentType("application/problem+json");
    }
}
