package crm.segment;

import crm.events.Topics;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class ServiceEndpointsTest {
    @ConfigProperty(name = "mp.messaging.incoming.profiles.topic")
    String profilesTopic;
    @ConfigProperty(name = "mp.messaging.incoming.workspaces.topic")
    String workspacesTopic;
    @ConfigProperty(name = "mp.messaging.outgoing.segments.topic")
    String segmentsTopic;

    @Test
    void channels_use_the_contract_topics() {
        assertThat(profilesTopic).isEqualTo(Topics.PROFILES);
        assertThat(workspacesTopic).isEqualTo(Topics.WORKSPACES);
        assertThat(segmentsTopic).isEqualTo(Topics.SEGMENTS);
    }

    @Test
    void readiness_covers_the_database_and_kafka() {
        await().atMost(Traffic.WAIT).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(containsString("Database"), containsString("Reactive Messaging")))
                // The messaging check reports each Kafka channel.
                .body("checks.find { it.name.contains('Reactive Messaging') }.data.keySet()",
                        hasItems("profiles", "workspaces", "segments")));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void openapi_and_metrics_are_served() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/v1/segments/{id}/members"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }
}
