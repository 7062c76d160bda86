package crm.ingest.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import crm.events.ApiTokens;
import crm.events.Json;
import crm.events.Topics;
import crm.events.WorkspaceChanged;
import crm.ingest.Ingest;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class WorkspaceApiTest {
    private static final String ADMIN = "Bearer " + CrmTestInfra.ADMIN_TOKEN;

    @Inject
    DataSource dataSource;

    private static String uniqueName() {
        return "Shop " + UUID.randomUUID();
    }

    @Test
    void creating_a_workspace_answers_201_with_its_location_id_name_write_key_and_api_token() {
        String name = uniqueName();
        var response = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .when().post("/v1/workspaces")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("name", equalTo(name))
                .body("writeKey", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("apiToken", notNullValue())
                .extract();

        String id = response.path("id");
        assertThat(response.header("Location")).endsWith("/v1/workspaces/" + id);
    }

    @Test
    void only_the_hash_of_the_write_key_is_stored() throws Exception {
        Map<String, String> ws = Ingest.createWorkspace(uniqueName());

        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select hash from write_keys where workspace_id = ?")) {
            s.setString(1, ws.get("id"));
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo(WriteKey.hash(ws.get("writeKey"))).isNotEqualTo(ws.get("writeKey"));
            }
        }
    }

    @Test
    void creation_without_the_admin_token_is_401_problem() {
        given().contentType(ContentType.JSON).body(Map.of("name", uniqueName()))
                .when().post("/v1/workspaces")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401));
    }

    @Test
    void creation_with_a_wrong_admin_token_is_401_problem() {
        given().header("Authorization", ADMIN + "x").contentType(ContentType.JSON).body(Map.of("name", uniqueName()))
                .when().post("/v1/workspaces")
                .then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Basic " + CrmTestInfra.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", uniqueName()))
                .when().post("/v1/workspaces")
                .then().statusCode(401);
    }

    @Test
    void credentials_are_checked_before_the_body_is_read() {
        given().contentType(ContentType.JSON).body("{not json")
                .when().post("/v1/workspaces")
                .then().statusCode(401);
    }

    @Test
    void creation_without_a_name_is_400_naming_name() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{}")
                .when().post("/v1/workspaces")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("name"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("name", "   "))
                .when().post("/v1/workspaces")
                .then().statusCode(400)
                .body("field", equalTo("name"));
    }

    @Test
    void a_name_over_200_characters_is_400_naming_name() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("name", "n".repeat(201)))
                .when().post("/v1/workspaces")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("name"))
                .body("detail", org.hamcrest.Matchers.containsString("200"));
    }

    @Test
    void a_malformed_body_is_400_problem() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/v1/workspaces")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
    }

    @Test
    void the_api_token_is_an_rs256_jwt_for_the_workspace_signed_with_the_suite_key() throws Exception {
        Map<String, String> ws = Ingest.createWorkspace(uniqueName());
        String[] parts = ws.get("apiToken").split("\\.");

        JsonNode header = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(claims.get("iss").asText()).isEqualTo(ApiTokens.ISSUER);
        assertThat(claims.get("sub").asText()).isEqualTo(ws.get("id"));
        assertThat(claims.get(ApiTokens.WORKSPACE_CLAIM).asText()).isEqualTo(ws.get("id"));
        assertThat(claims.get("groups").get(0).asText()).isEqualTo(ApiTokens.WORKSPACE_ROLE);
        Instant expiry = Instant.ofEpochSecond(claims.get("exp").asLong());
        assertThat(expiry).isBetween(Instant.now().plus(Duration.ofDays(3649)), Instant.now().plus(Duration.ofDays(3651)));

        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(publicKey(CrmTestInfra.keys().publicKeyPem()));
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void the_api_token_opens_its_own_workspace_and_no_other() {
        Map<String, String> mine = Ingest.createWorkspace(uniqueName());
        Map<String, String> other = Ingest.createWorkspace(uniqueName());

        given().header("Authorization", "Bearer " + mine.get("apiToken"))
                .when().get("/v1/workspaces/" + mine.get("id"))
                .then().statusCode(200)
                .body("id", equalTo(mine.get("id")))
                .body("name", equalTo(mine.get("name")))
                .body("createdAt", notNullValue())
                .body("writeKey", org.hamcrest.Matchers.nullValue());
        given().header("Authorization", "Bearer " + mine.get("apiToken"))
                .when().get("/v1/workspaces/" + other.get("id"))
                .then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/v1/workspaces/" + mine.get("id"))
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void a_created_workspace_is_announced_on_the_workspaces_topic_keyed_by_its_id() {
        String name = uniqueName();
        Map<String, String> ws = Ingest.createWorkspace(name);

        var record = CrmTestInfra.kafka().await(Topics.WORKSPACES, r -> ws.get("id").equals(r.key()), Duration.ofSeconds(30));
        WorkspaceChanged change = Json.read(record.value(), WorkspaceChanged.class);

        assertThat(change.workspaceId()).isEqualTo(ws.get("id"));
        assertThat(change.name()).isEqualTo(name);
        assertThat(change.kind()).isEqualTo(WorkspaceChanged.Kind.CREATED);
        assertThat(change.at()).isNotNull();
        assertThat(record.value()).doesNotContain(ws.get("writeKey"));
    }

    private static PublicKey publicKey(String pem) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }
}
