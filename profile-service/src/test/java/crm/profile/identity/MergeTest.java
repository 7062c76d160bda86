package crm.profile.identity;

import crm.events.CustomerEvent;
import crm.events.EventNames;
import crm.events.EventType;
import crm.events.Identities;
import crm.events.ProfileChanged;
import crm.events.ProfileMerged;
import crm.events.ProfileMessage;
import crm.profile.Events;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static crm.profile.traits.ProfileProbe.awaitProfile;
import static crm.profile.traits.ProfileProbe.awaitPublished;
import static crm.profile.traits.ProfileProbe.get;
import static crm.profile.traits.ProfileProbe.published;
import static crm.profile.traits.ProfileProbe.sendAndAwait;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Identity resolution and merges through the real broker and database. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class MergeTest {
    static final Instant T1 = Instant.parse("2025-02-01T10:00:00Z");
    static final Instant T2 = Instant.parse("2025-02-03T10:00:00Z");
    static final Instant T3 = Instant.parse("2025-02-05T10:00:00Z");
    static final Instant T4 = Instant.parse("2025-02-07T10:00:00Z");

    @Inject
    DataSource db;

    static CustomerEvent event(String ws, EventType type, String name, Identities ids, Map<String, Object> traits,
                               Map<String, Object> properties, Instant at) {
        return new CustomerEvent(UUID.randomUUID().toString(), ws, type, name, ids, traits, properties, null, at, at, "api", null);
    }

    @Test
    void anonymous_browsing_counts_toward_the_known_profile_once_linked() {
        String ws = "ws-" + UUID.randomUUID();
        String anon = "anon-" + UUID.randomUUID();
        Identities visitor = Identities.of(null, anon, null);
        sendAndAwait(db, event(ws, EventType.PAGE, "Home", visitor, null, Map.of("url", "https://shop.example/"), T1));
        sendAndAwait(db, event(ws, EventType.TRACK, EventNames.PRODUCT_VIEWED, visitor, null, Map.of("category", "Shoes"), T1.plusSeconds(60)));
        String anonymousProfile = awaitProfile(ws, "anonymousId", anon, p -> true).getString("id");
        // She signs up on another device first: a second profile.
        sendAndAwait(db, event(ws, EventType.IDENTIFY, null, Identities.of("u-zoe", null, "zoe@example.com"), Map.of("first_name", "Zoe"), null, T2));
        String knownProfile = awaitProfile(ws, "email", "zoe@example.com", p -> true).getString("id");
        assertThat(knownProfile).isNotEqualTo(anonymousProfile);

        // Then logs in on the first device: the event names both.
        sendAndAwait(db, event(ws, EventType.PAGE, "Account", Identities.of("u-zoe", anon, null), null, Map.of("url", "https://shop.example/account"), T3));

        JsonPath profile = awaitProfile(ws, "email", "zoe@example.com", p -> p.getInt("traits.visits") == 2);
        // The anonymous profile came first, so it survives and keeps its id.
        assertThat(profile.getString("id")).isEqualTo(anonymousProfile);
        assertThat(profile.getInt("traits.product_visits")).isEqualTo(1);
        assertThat(profile.getString("traits.first_name")).isEqualTo("Zoe");
        assertThat(profile.getMap("traits.category_interest")).containsEntry("Shoes", 1);
        assertThat(profile.getList("identities.anonymousId")).containsExactly(anon);
        assertThat(profile.getList("identities.userId")).containsExactly("u-zoe");
        assertThat(profile.getList("identities.email")).containsExactly("zoe@example.com");

        ProfileMerged merged = awaitPublished(anonymousProfile, ProfileMerged.class, m -> true);
        assertThat(merged.mergedId()).isEqualTo(knownProfile);
        assertThat(merged.workspaceId()).isEqualTo(ws);
        // The merge comes before the survivor's snapshot that includes the merged history.
        List<ProfileMessage> onSurvivor = published(anonymousProfile);
        int mergeAt = onSurvivor.indexOf(merged);
        assertThat(onSurvivor.subList(mergeAt, onSurvivor.size())).anySatisfy(m ->
                assertThat(m).isInstanceOfSatisfying(ProfileChanged.class, c -> assertThat(c.traits()).containsEntry("visits", 2)));
        // The merged profile's id now answers the survivor.
        assertThat(get(ws, "/v1/profiles/" + knownProfile).getString("id")).isEqualTo(anonymousProfile);
    }

    /**
     * Two known customers records (an email with its order, a phone with its order) joined by a later login that
     * names both; the same traits and identities whatever order the three events arrive in.
     */
    @Test
    void two_known_profiles_joined_by_a_later_event_give_the_same_profile_in_every_arrival_order() {
        List<List<Integer>> orders = List.of(List.of(0, 1, 2), List.of(0, 2, 1), List.of(1, 0, 2), List.of(1, 2, 0),
                List.of(2, 0, 1), List.of(2, 1, 0));
        Map<String, Object> expected = null;
        for (List<Integer> order : orders) {
            String ws = "ws-" + UUID.randomUUID();
            String phone = "+12015550" + (100 + orders.indexOf(order));
            List<CustomerEvent> events = List.of(
                    event(ws, EventType.TRACK, EventNames.ORDER_COMPLETED, Identities.of("u-ann", null, "ann@example.com"),
                            null, Map.of("order_id", "A1", "total", new BigDecimal("30.00")), T2),
                    event(ws, EventType.TRACK, EventNames.ORDER_COMPLETED, new Identities(null, "anon-ann", null, phone, null, null, null, null, null),
                            null, Map.of("order_id", "B1", "total", new BigDecimal("12.50")), T1),
                    event(ws, EventType.IDENTIFY, null, Identities.of("u-ann", "anon-ann", null), Map.of("first_name", "Ann"), null, T3));
            List<String> ids = new ArrayList<>();
            for (int i : order) {
                sendAndAwait(db, events.get(i));
            }
            JsonPath profile = awaitProfile(ws, "email", "ann@example.com", p -> p.getInt("traits.orders_count") == 2);
            Map<String, Object> traits = new java.util.TreeMap<>(profile.getMap("traits"));
            traits.remove("phone");
            assertThat(traits).as("arrival order %s", order)
                    .containsEntry("orders_count", 2).containsEntry("first_name", "Ann")
                    .containsEntry("first_order_date", T1.toString()).containsEntry("last_order_date", T2.toString())
                    .containsEntry("email", "ann@example.com");
            assertThat(new BigDecimal(profile.getString("traits.total_spent"))).isEqualByComparingTo("42.50");
            assertThat(profile.getString("traits.phone")).isEqualTo(phone);
            assertThat(profile.getList("identities.phone")).containsExactly(phone);
            assertThat(Set.copyOf(profile.getList("identities.userId"))).containsExactly("u-ann");
            assertThat(Set.copyOf(profile.getList("identities.anonymousId"))).containsExactly("anon-ann");
            // Every event is on the one timeline, and every way of looking the customer up finds this profile.
            String id = profile.getString("id");
            assertThat(get(ws, "/v1/profiles/" + id + "/events").getList("events")).hasSize(3);
            assertThat(awaitProfile(ws, "phone", phone, p -> true).getString("id")).isEqualTo(id);
            assertThat(awaitProfile(ws, "anonymousId", "anon-ann", p -> true).getString("id")).isEqualTo(id);
            if (expected == null) expected = traits;
            else assertThat(traits).as("arrival order %s", order).isEqualTo(expected);
            ids.add(id);
        }
    }

    @Test
    void a_redelivered_merging_event_merges_nothing_twice_and_publishes_the_same_merge_again() {
        String ws = "ws-" + UUID.randomUUID();
        sendAndAwait(db, event(ws, EventType.IDENTIFY, null, Identities.of(null, null, "max@example.com"), Map.of(), null, T1));
        sendAndAwait(db, event(ws, EventType.IDENTIFY, null, Identities.of("u-max", null, null), Map.of(), null, T2));
        CustomerEvent joining = event(ws, EventType.IDENTIFY, null, Identities.of("u-max", null, "max@example.com"), Map.of("first_name", "Max"), null, T3);
        sendAndAwait(db, joining);
        String id = awaitProfile(ws, "email", "max@example.com", p -> "Max".equals(p.getString("traits.first_name"))).getString("id");
        long version = get(ws, "/v1/profiles/" + id).getLong("version");

        Events.send(joining);
        sendAndAwait(db, event(ws, EventType.TRACK, "Marker", Identities.of(null, null, "max@example.com"), null, Map.of(), T4));

        JsonPath after = awaitProfile(ws, "email", "max@example.com", p -> p.getLong("version") == version + 1);
        assertThat(after.getString("id")).isEqualTo(id);
        List<ProfileMerged> merges = published(id).stream().filter(ProfileMerged.class::isInstance).map(ProfileMerged.class::cast).toList();
        assertThat(merges).hasSize(2);
        assertThat(new HashSet<>(merges)).hasSize(1);
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).get("/v1/profiles/" + id + "/events").then().statusCode(200);
    }
}
