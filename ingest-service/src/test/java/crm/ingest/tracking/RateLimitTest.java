package crm.ingest.tracking;

import crm.ingest.Ingest;
import crm.ingest.MovableClock;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(TinyRateLimit.class)
@QuarkusTestResource(CrmTestInfra.class)
class RateLimitTest {
    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static int batch(String writeKey, int events) {
        Map<String, Object> item = Map.of("type", "page", "userId", "u");
        return given().header("Authorization", Ingest.basic(writeKey)).contentType(ContentType.JSON)
                .body(Map.of("batch", Collections.nCopies(events, item)))
                .when().post("/v1/batch").then().extract().statusCode();
    }

    @Test
    void over_the_workspace_limit_is_429_problem_with_retry_after_and_reset_then_time_refills_it() {
        String key = Ingest.createWorkspace("Limited " + UUID.randomUUID()).get("writeKey");
        assertThat(batch(key, 5)).isEqualTo(200);

        Instant before = Instant.now();
        var refused = given().header("Authorization", Ingest.basic(key)).contentType(ContentType.JSON)
                .body(Map.of("userId", "u", "event", "E"))
                .when().post("/v1/track")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("detail", containsString("rate limit"))
                .extract();
        Instant after = Instant.now();
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        long reset = Long.parseLong(refused.header("X-RateLimit-Reset"));
        // One event refills in 100 s, less whatever time passed since the batch emptied the bucket.
        assertThat(retryAfter).isBetween(80L, 100L);
        assertThat(reset).isBetween(before.getEpochSecond() + retryAfter - 1, after.getEpochSecond() + retryAfter + 1);

        clock.advance(Duration.ofSeconds(retryAfter));
        assertThat(batch(key, 1)).isEqualTo(200);
        assertThat(batch(key, 1)).isEqualTo(429);
    }

    @Test
    void each_workspace_has_its_own_limit() {
        String first = Ingest.createWorkspace("Limited " + UUID.randomUUID()).get("writeKey");
        String second = Ingest.createWorkspace("Limited " + UUID.randomUUID()).get("writeKey");

        assertThat(batch(first, 5)).isEqualTo(200);
        assertThat(batch(first, 1)).isEqualTo(429);
        assertThat(batch(second, 5)).isEqualTo(200);
    }

    @Test
    void a_batch_larger_than_the_burst_passes_once_and_leaves_the_workspace_waiting() {
        String key = Ingest.createWorkspace("Limited " + UUID.randomUUID()).get("writeKey");

        assertThat(batch(key, 8)).isEqualTo(200);
        assertThat(batch(key, 1)).isEqualTo(429);
        clock.advance(Duration.ofSeconds(300));
        assertThat(batch(key, 1)).isEqualTo(429);
        clock.advance(Duration.ofSeconds(100));
        assertThat(batch(key, 1)).isEqualTo(200);
    }
}
