package crm.ingest.webhooks;

import crm.events.CustomerEvent;
import crm.events.Json;
import crm.events.Topics;
import crm.testing.CrmTestInfra;
import io.restassured.http.ContentType;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** What the webhook integration tests share: secrets through the admin API, and the broker's view. */
public final class WebhookCalls {
    private WebhookCalls() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static void setSecret(String workspaceId, String provider, String secret, String previous) {
        given().header("Authorization", "Bearer " + CrmTestInfra.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(previous == null ? Map.of("secret", secret) : Map.of("secret", secret, "previous", previous))
                .when().put("/v1/workspaces/" + workspaceId + "/webhook-secrets/" + provider)
                .then().statusCode(200);
    }

    public static CustomerEvent eventWithId(String id) {
        return Json.read(CrmTestInfra.kafka().await(Topics.EVENTS,
                r -> r.value().contains(id) && id.equals(Json.read(r.value(), CustomerEvent.class).id()),
                Duration.ofSeconds(30)).value(), CustomerEvent.class);
    }

    /** The event with this id in this workspace (event ids are unique per workspace only). */
    public static CustomerEvent eventWithId(String workspaceId, String id) {
        return Json.read(CrmTestInfra.kafka().await(Topics.EVENTS, r -> {
            if (!r.value().contains(id)) return false;
            CustomerEvent e = Json.read(r.value(), CustomerEvent.class);
            return id.equals(e.id()) && workspaceId.equals(e.workspaceId());
        }, Duration.ofSeconds(30)).value(), CustomerEvent.class);
    }

    /** How many records on the events topic carry this event id (a replay must not add one). */
    public static long recordsWithId(String id) {
        return CrmTestInfra.kafka().all(Topics.EVENTS).stream()
                .filter(r -> r.value().contains(id) && id.equals(Json.read(r.value(), CustomerEvent.class).id()))
                .count();
    }
}
