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
}
