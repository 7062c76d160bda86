package crm.profile;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;
import crm.events.Json;
import crm.events.Topics;
import crm.testing.CrmTestInfra;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Customer events as ingest publishes them, sent to the real broker. */
public final class Events {
    private Events() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static CustomerEvent identify(String workspaceId, Identities ids, Map<String, Object> traits) {
        return new CustomerEvent(newId(), workspaceId, EventType.IDENTIFY, null, ids, traits, null, null, Instant.now(), Instant.now(), "api", null);
    }

    public static CustomerEvent track(String workspaceId, Identities ids, String name, Map<String, Object> properties, Instant at) {
        return new CustomerEvent(newId(), workspaceId, EventType.TRACK, name, ids, null, properties, null, at, at, "api", null);
    }

    public static CustomerEvent page(String workspaceId, Identities ids) {
        return new CustomerEvent(newId(), workspaceId, EventType.PAGE, "Home", ids, null, Map.of("url", "https://shop.example/"),
                null, Instant.now(), Instant.now(), "api", null);
    }

    public static void send(CustomerEvent event) {
        CrmTestInfra.kafka().send(Topics.EVENTS, event.key(), Json.write(event));
    }
}
