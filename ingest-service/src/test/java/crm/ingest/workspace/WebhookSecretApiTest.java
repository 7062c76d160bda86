package crm.ingest.workspace;

import crm.ingest.Ingest;
import crm.ingest.webhooks.Hmac;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import static crm.ingest.webhooks.WebhookCalls.setSecret;
import static crm.ingest.webhooks.WebhookCalls.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class WebhookSecretApiTest {
    @Inject
    DataSource dataSource;

    private String workspaceId;

    @BeforeEach
    void newWorkspace() {
        workspaceId = Ingest.createWorkspace("Secrets " + unique("s")).get("id");
    }

    private static ValidatableResponse put(String workspaceId, String provider, Object body, String token) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (token != null) request = request.header("Authorization", "Bearer " + token);
        return request.when().put("/v1/workspaces/" + workspaceId + "/webhook-secrets/" + provider).then();
    }

    private int shopifyStatus(String signingSecret) {
        byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        return given().contentType("application/json").header("X-Shopify-Topic", "products/update")
                .header("X-Shopify-Webhook-Id", unique("wh"))
                .header("X-Shopify-Hmac-Sha256", Hmac.base64(Hmac.SHA256, signingSecret, body)).body(body)
                .when().post("/v1/webhooks/shopify/" + workspaceId).then().extract().statusCode();
    }

    @Test
    void setting_a_secret_needs_the_admin_token() {
        put(workspaceId, "shopify", Map.of("secret", "s1"), null).statusCode(401).contentType("application/problem+json");
        put(workspaceId, "shopify", Map.of("secret", "s1"), CrmTestInfra.apiToken(workspaceId)).statusCode(401);
        assertThat(shopifyStatus("s1")).isEqualTo(401);
    }

    @Test
    void a_secret_is_answered_as_a_status_never_shown_and_stored_encrypted() throws Exception {
        put(workspaceId, "shopify", Map.of("secret", "shpss_plain-secret"), CrmTestInfra.ADMIN_TOKEN).statusCode(200)
                .body("provider", equalTo("shopify")).body("active", equalTo(1))
                .body(not(containsString("shpss_plain-secret")));
        given().header("Authorization", "Bearer " + CrmTestInfra.ADMIN_TOKEN)
                .when().get("/v1/workspaces/" + workspaceId + "/webhook-secrets")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].provider", equalTo("shopify"))
                .body(not(containsString("shpss_plain-secret")));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select current_secret from webhook_secrets where workspace_id = ?")) {
            s.setString(1, workspaceId);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(new String(r.getBytes(1), StandardCharsets.ISO_8859_1)).doesNotContain("plain-secret");
            }
        }
        assertThat(shopifyStatus("shpss_plain-secret")).isEqualTo(200);
    }

    @Test
    void a_rotation_keeps_the_previous_secret_valid_until_it_is_retired() {
        setSecret(workspaceId, "shopify", "old-secret", null);
        put(workspaceId, "shopify", Map.of("secret", "new-secret", "previous", "keep"), CrmTestInfra.ADMIN_TOKEN)
                .statusCode(200).body("active", equalTo(2));
        assertThat(shopifyStatus("old-secret")).isEqualTo(200);
        assertThat(shopifyStatus("new-secret")).isEqualTo(200);
        given().header("Authorization", "Bearer " + CrmTestInfra.ADMIN_TOKEN)
                .when().delete("/v1/workspaces/" + workspaceId + "/webhook-secrets/shopify/previous")
                .then().statusCode(204);
        assertThat(shopifyStatus("old-secret")).isEqualTo(401);
        assertThat(shopifyStatus("new-secret")).isEqualTo(200);
        given().header("Authorization", "Bearer " + CrmTestInfra.ADMIN_TOKEN)
                .when().delete("/v1/workspaces/" + workspaceId + "/webhook-secrets/shopify/previous")
                .then().statusCode(404);
    }

    @Test
    void previous_drop_replaces_at_once_and_delete_refuses_every_delivery() {
        setSecret(workspaceId, "shopify", "first", null);
        put(workspaceId, "shopify", Map.of("secret", "second", "previous", "drop"), CrmTestInfra.ADMIN_TOKEN)
                .statusCode(200).body("active", equalTo(1));
        assertThat(shopifyStatus("first")).isEqualTo(401);
        assertThat(shopifyStatus("second")).isEqualTo(200);
        given().header("Authorization", "Bearer " + CrmTestInfra.ADMIN_TOKEN)
                .when().delete("/v1/workspaces/" + workspaceId + "/webhook-secrets/shopify")
                .then().statusCode(204);
        assertThat(shopifyStatus("second")).isEqualTo(401);
    }

    @Test
    void secrets_of_one_workspace_do_not_open_another() {
        setSecret(workspaceId, "shopify", "mine", null);
        String other = Ingest.createWorkspace("Other " + unique("s")).get("id");
        setSecret(other, "shopify", "theirs", null);
        assertThat(shopifyStatus("theirs")).isEqualTo(401);
        assertThat(shopifyStatus("mine")).isEqualTo(200);
    }

    @Test
    void precise_refusals_name_the_field() {
        put(workspaceId, "shopify", Map.of("secret", ""), CrmTestInfra.ADMIN_TOKEN).statusCode(400)
                .body("field", equalTo("secret"));
        put(workspaceId, "shopify", Map.of("secret", "s", "previous", "maybe"), CrmTestInfra.ADMIN_TOKEN).statusCode(400)
                .body("field", equalTo("previous"));
        put(workspaceId, "sendgrid", Map.of("secret", "not-a-key"), CrmTestInfra.ADMIN_TOKEN).statusCode(400)
                .body("field", equalTo("secret"));
        put(workspaceId, "mailchimp", Map.of("secret", "s"), CrmTestInfra.ADMIN_TOKEN).statusCode(404);
        put("no-such-workspace", "shopify", Map.of("secret", "s"), CrmTestInfra.ADMIN_TOKEN).statusCode(404);
        given().header("Authorization", "Bearer " + CrmTestInfra.ADMIN_TOKEN).contentType(ContentType.JSON).body("{")
                .when().put("/v1/workspaces/" + workspaceId + "/webhook-secrets/twilio").then().statusCode(400);
    }
}
