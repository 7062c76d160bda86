package crm.segment.packaged;

import crm.testing.CrmTestInfra;
import crm.testing.PackagedServiceContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The packaged segment-service (jar, or native executable with -Pnative): conditions parse, errors say where. */
@QuarkusIntegrationTest
@QuarkusTestResource(CrmTestInfra.class)
class PackagedSegmentIT implements PackagedServiceContract {

    @Override
    public String protectedPath() {
        return "/v1/segments";
    }

    @Test
    void a_condition_validates_to_its_canonical_text_and_a_broken_one_says_where() {
        String token = CrmTestInfra.apiToken("ws-" + UUID.randomUUID());
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"condition\":\"orders_count >= 1 AND last_order_date < now -90 days\"}")
                .when().post("/v1/segments/validate")
                .then().statusCode(200).body("condition", equalTo("orders_count >= 1 and last_order_date < now - 90d"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"condition\":\"orders_count >=\"}")
                .when().post("/v1/segments/validate")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("line", equalTo(1)).body("column", equalTo(16));
    }
}
