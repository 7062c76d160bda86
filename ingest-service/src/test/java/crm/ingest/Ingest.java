package crm.ingest;

import crm.testing.CrmTestInfra;
import io.restassured.http.ContentType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Calls the running service as its clients do. */
public final class Ingest {
    private Ingest() {
    }

    /** Creates a workspace through the admin API; the answer's fields: id, name, writeKey, apiToken. */
    public static Map<String, String> createWorkspace(String name) {
        return given().header("Authorization", "Bearer " + CrmTestInfra.ADMIN_TOKEN)
                .contentType(ContentType.JSON).body(Map.of("name", name))
                .when().post("/v1/workspaces")
                .then().statusCode(201)
                .extract().jsonPath().getMap("", String.class, String.class);
    }

    /** Segment's Basic auth: the write key as username, empty password. */
    public static String basic(String writeKey) {
        return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    /** Every record on the events topic whose id is the given one (read to the end of the topic). */
    public static java.util.List<crm.events.CustomerEvent> eventsWithId(String id) {
        return CrmTestInfra.kafka().all(crm.events.Topics.EVENTS).stream()
                .filter(r -> r.value().contains(id))
                .map(r -> crm.events.Json.read(r.value(), crm.events.CustomerEvent.class))
                .filter(e -> id.equals(e.id()))
                .toList();
    }

    /** The one event with this id, waiting for it to land. */
    public static crm.events.CustomerEvent awaitEvent(String id) {
        var record = CrmTestInfra.kafka().await(crm.events.Topics.EVENTS,
                r -> r.value().contains(id) && id.equals(crm.events.Json.read(r.value(), crm.events.CustomerEvent.class).id()),
                java.time.Duration.ofSeconds(30));
        return crm.events.Json.read(record.value(), crm.events.CustomerEvent.class);
    }

    /** The body gzipped, as SDKs that compress send it. */
    public static byte[] gzip(String body) {
        var out = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(body.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
