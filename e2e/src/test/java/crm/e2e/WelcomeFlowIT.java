package crm.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The foundation scenario, from outside: the four packaged services run as separate processes against one real
 * PostgreSQL, Kafka broker and SMTP server; a store's first order reaches the customer's inbox as a welcome email.
 */
class WelcomeFlowIT {
    private static Suite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        Path root = Path.of(System.getProperty("crm.root", "..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("crm-e2e");
        suite = Suite.start(Suite.Options.onFreePorts(root, data, "e2e-admin-" + UUID.randomUUID()));
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) suite.close();
    }

    @Test
    void a_first_order_makes_a_customer_who_gets_the_welcome_email() throws Exception {
        Map<String, Object> workspace = given().baseUri(suite.url(Service.INGEST))
                .header("Authorization", "Bearer " + suite.adminToken())
                .contentType(ContentType.JSON).body(Map.of("name", "Snow Devil"))
                .post("/v1/workspaces")
                .then().statusCode(201).extract().jsonPath().getMap("");
        String writeKey = (String) workspace.get("writeKey");
        String apiToken = (String) workspace.get("apiToken");
        String email = "jane." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        given().baseUri(suite.url(Service.INGEST)).auth().preemptive().basic(writeKey, "")
                .contentType(ContentType.JSON)
                .body(Map.of("userId", "u-42", "traits", Map.of("email", email, "first_name", "Jane")))
                .post("/v1/identify")
                .then().statusCode(200);
        given().baseUri(suite.url(Service.INGEST)).auth().preemptive().basic(writeKey, "")
                .contentType(ContentType.JSON)
                .body(Map.of("userId", "u-42", "event", "Order Completed",
                        "properties", Map.of("order_id", "1001", "total", 42.50, "currency", "EUR")))
                .post("/v1/track")
                .then().statusCode(200);

        // The profile, folded by profile-service.
        String profileId = await().atMost(Duration.ofSeconds(30)).until(() -> {
            Response r = given().baseUri(suite.url(Service.PROFILE)).auth().oauth2(apiToken)
                    .queryParam("email", email).get("/v1/profiles");
            if (r.statusCode() != 200 || r.jsonPath().getInt("traits.orders_count") != 1) return null;
            assertThat(r.jsonPath().getDouble("traits.total_spent")).isEqualTo(42.50);
            return r.jsonPath().getString("id");
        }, id -> id != null);

        // The profile is in the workspace's "Customers" segment.
        String customers = customersSegment(apiToken);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> members = given().baseUri(suite.url(Service.SEGMENT)).auth().oauth2(apiToken)
                    .get("/v1/segments/{id}/members", customers).then().statusCode(200)
                    .extract().jsonPath().getList("items.profileId");
            assertThat(members).contains(profileId);
        });

        // A welcome run whose first touchpoint went out at once (the next ones wait days), and the email in the inbox.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(suite.url(Service.JOURNEY)).auth().oauth2(apiToken)
                        .get("/v1/profiles/{id}/runs", profileId).then().statusCode(200)
                        .body("size()", equalTo(1))
                        .body("[0].journeyName", equalTo("Welcome"))
                        .body("[0].status", equalTo("running"))
                        .body("[0].steps[0].status", equalTo("sent")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(suite.smtp().receivedBy(email)).hasSize(1));
        assertThat(suite.smtp().receivedBy(email).get(0).getSubject()).isEqualTo("Welcome!");
    }

    @Test
    void every_service_reports_ready_and_serves_its_openapi_and_metrics() {
        for (Service s : Service.values()) {
            given().baseUri(suite.url(s)).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            given().baseUri(suite.url(s)).get("/q/openapi").then().statusCode(200);
            given().baseUri(suite.url(s)).get("/q/metrics").then().statusCode(200);
        }
    }

    @Test
    void another_workspace_sees_nothing_of_this_one() {
        String tokenA = newWorkspace("A").get("apiToken");
        String tokenB = newWorkspace("B").get("apiToken");
        String customersOfA = customersSegment(tokenA);
        given().baseUri(suite.url(Service.SEGMENT)).auth().oauth2(tokenB)
                .get("/v1/segments/{id}/members", customersOfA).then().statusCode(404);
        given().baseUri(suite.url(Service.PROFILE)).get("/v1/profiles?email=a@b.c").then().statusCode(401);
    }

    /** The workspace's Customers preset, created by segment-service when it hears of the new workspace. */
    private static String customersSegment(String apiToken) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> given().baseUri(suite.url(Service.SEGMENT))
                .auth().oauth2(apiToken).get("/v1/segments").then().statusCode(200)
                .extract().jsonPath().getString("find { it.key == 'customers' }.id"), id -> id != null);
    }

    private static Map<String, String> newWorkspace(String name) {
        return given().baseUri(suite.url(Service.INGEST))
                .header("Authorization", "Bearer " + suite.adminToken())
                .contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/v1/workspaces")
                .then().statusCode(201).extract().jsonPath().getMap("");
    }
}
