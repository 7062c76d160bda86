package crm.profile.privacy;

import crm.events.CustomerEvent;
import crm.events.EventNames;
import crm.events.EventType;
import crm.events.Identities;
import crm.events.MessageEvent;
import crm.events.ProfileChanged;
import crm.events.ProfileErased;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static crm.profile.traits.ProfileProbe.awaitProfile;
import static crm.profile.traits.ProfileProbe.awaitPublished;
import static crm.profile.traits.ProfileProbe.get;
import static crm.profile.traits.ProfileProbe.sendAndAwait;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Consent from every source, the timeline API, GDPR export and erasure, through the real broker and database. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class ConsentAndPrivacyTest {
    static final Instant T1 = Instant.parse("2025-04-01T10:00:00Z");

    @Inject
    DataSource db;

    static CustomerEvent event(String ws, EventType type, String name, Identities ids, Map<String, Object> traits,
                               Map<String, Object> properties, Instant at, String source) {
        return new CustomerEvent(UUID.randomUUID().toString(), ws, type, name, ids, traits, properties, null, at, at, source, null);
    }

    @Test
    void consent_comes_from_shopify_twilio_sendgrid_and_the_preference_centre_with_its_history() {
        String ws = "ws-" + UUID.randomUUID();
        String token = CrmTestInfra.apiToken(ws);
        Identities bob = new Identities(null, null, "bob@example.com", "+1 201 555 0188", "7064", null, null, null, null);
        sendAndAwait(db, event(ws, EventType.IDENTIFY, null, bob, Map.of("first_name", "Bob",
                "email_consent", Map.of("state", "subscribed"), "sms_consent", Map.of("state", "subscribed")), null, T1, "shopify"));
        // Twilio STOP: the webhook mapping sends an identify by phone.
        sendAndAwait(db, event(ws, EventType.IDENTIFY, null, new Identities(null, null, null, "+12015550188", null, null, null, null, null),
                Map.of("sms_consent", Map.of("state", "unsubscribed")), null, T1.plusSeconds(60), "twilio"));
        String id = awaitProfile(ws, "phone", "(201) 555-0188", p -> "unsubscribed".equals(p.getString("traits.consent_sms"))).getString("id");

        given().auth().oauth2(token).get("/v1/profiles/" + id + "/consent").then().statusCode(200)
                .body("channels.email.status", equalTo("subscribed")).body("channels.email.source", equalTo("shopify"))
                .body("channels.sms.status", equalTo("unsubscribed")).body("channels.sms.source", equalTo("twilio"))
                .body("channels.whatsapp.status", equalTo("never_asked"));

        // SendGrid reports an unsubscribe.
        sendAndAwait(db, new MessageEvent(MessageEvent.Status.unsubscribed, MessageEvent.Channel.email, "run-1:step-1", null, null, null, "sendgrid", null)
                .toCustomerEvent(UUID.randomUUID().toString(), ws, Identities.of(null, null, "bob@example.com"), T1.plusSeconds(120), "sendgrid"));
        // The customer opts back in to email and into WhatsApp in the preference centre.
        given().auth().oauth2(token).contentType("application/json").body("{\"status\":\"subscribed\"}")
                .put("/v1/profiles/" + id + "/consent/whatsapp").then().statusCode(200)
                .body("channels.whatsapp.status", equalTo("subscribed")).body("channels.whatsapp.source", equalTo("preference_centre"))
                .body("channels.email.status", equalTo("unsubscribed")).body("channels.email.source", equalTo("sendgrid"));

        JsonPath consent = get(ws, "/v1/profiles/" + id + "/consent");
        assertThat(consent.getList("history.channel")).containsExactly("email", "sms", "sms", "email", "whatsapp");
        assertThat(consent.getList("history.status")).containsExactly("subscribed", "subscribed", "unsubscribed", "unsubscribed", "subscribed");
        assertThat(consent.getList("history.source")).containsExactly("shopify", "shopify", "twilio", "sendgrid", "preference_centre");
        ProfileChanged snapshot = awaitPublished(id, ProfileChanged.class, c -> "subscribed".equals(c.traits().get("consent_whatsapp")));
        assertThat(snapshot.traits()).containsEntry("consent_email", "unsubscribed").containsEntry("consent_sms", "unsubscribed")
                .doesNotContainKeys("email_consent", "sms_consent");

        given().auth().oauth2(token).contentType("application/json").body("{\"status\":\"subscribed\"}")
                .put("/v1/profiles/" + id + "/consent/fax").then().statusCode(400).body("field", equalTo("channel"));
        given().auth().oauth2(token).contentType("application/json").body("{\"status\":\"maybe\"}")
                .put("/v1/profiles/" + id + "/consent/email").then().statusCode(400).body("field", equalTo("status"));
        // A NUL in the source would fail the fold in PostgreSQL (found by the e2e fuzzing as a 500).
        given().auth().oauth2(token).contentType("application/json").body("{\"status\":\"subscribed\",\"source\":\"a\\u0000b\"}")
                .put("/v1/profiles/" + id + "/consent/email").then().statusCode(400).body("field", equalTo("source"));
        given().auth().oauth2(CrmTestInfra.apiToken("ws-" + UUID.randomUUID())).contentType("application/json").body("{\"status\":\"subscribed\"}")
                .put("/v1/profiles/" + id + "/consent/email").then().statusCode(404);
        given().auth().oauth2(CrmTestInfra.apiToken("ws-" + UUID.randomUUID())).get("/v1/profiles/" + id + "/consent").then().statusCode(404);
    }

    @Test
    void the_timeline_is_paged_newest_first() {
        String ws = "ws-" + UUID.randomUUID();
        Identities kim = Identities.of("u-kim", null, null);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CustomerEvent e = event(ws, EventType.TRACK, EventNames.PRODUCT_VIEWED, kim, null, Map.of("sku", "S" + i), T1.plusSeconds(i), "api");
            sendAndAwait(db, e);
            sent.add(0, e.id());
        }
        String id = awaitProfile(ws, "userId", "u-kim", p -> true).getString("id");
        String token = CrmTestInfra.apiToken(ws);

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 2);
            if (after != null) request.queryParam("after", after);
            JsonPath page = request.get("/v1/profiles/" + id + "/events").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("events.id"));
            after = page.getString("next");
            pages++;
        } while (after != null);

        assertThat(seen).isEqualTo(sent);
        assertThat(pages).isEqualTo(3);
        given().auth().oauth2(token).queryParam("limit", 0).get("/v1/profiles/" + id + "/events").then().statusCode(400).body("field", equalTo("limit"));
        given().auth().oauth2(token).queryParam("after", "garbage!").get("/v1/profiles/" + id + "/events").then().statusCode(400).body("field", equalTo("after"));
        given().auth().oauth2(CrmTestInfra.apiToken("ws-" + UUID.randomUUID())).get("/v1/profiles/" + id + "/events").then().statusCode(404);
    }

    @Test
    void export_holds_everything_and_erase_leaves_no_row_about_the_person_in_any_table() throws Exception {
        String ws = "ws-" + UUID.randomUUID();
        String token = CrmTestInfra.apiToken(ws);
        String email = "eve-" + UUID.randomUUID() + "@example.com";
        String anon = "anon-" + UUID.randomUUID();
        sendAndAwait(db, event(ws, EventType.PAGE, "Home", Identities.of(null, anon, null), null, Map.of("url", "https://shop.example/"), T1, "api"));
        sendAndAwait(db, event(ws, EventType.IDENTIFY, null, Identities.of("u-" + anon, null, email),
                Map.of("first_name", "Evelyne", "email_consent", "subscribed"), null, T1.plusSeconds(1), "api"));
        // Joins the anonymous profile to the known one: a merge to erase too.
        sendAndAwait(db, event(ws, EventType.TRACK, EventNames.ORDER_COMPLETED, Identities.of("u-" + anon, anon, email), null,
                Map.of("order_id", "ord-" + anon, "total", new BigDecimal("19.90")), T1.plusSeconds(2), "api"));
        String id = awaitProfile(ws, "email", email, p -> p.getInt("traits.orders_count") == 1).getString("id");

        JsonPath export = get(ws, "/v1/profiles/" + id + "/export");
        assertThat(export.getString("profile.traits.first_name")).isEqualTo("Evelyne");
        assertThat(export.getList("profile.identities.email")).containsExactly(email);
        assertThat(export.getList("events")).hasSize(3);
        assertThat(export.getString("consent.channels.email.status")).isEqualTo("subscribed");
        assertThat(export.getList("mergedProfileIds")).hasSize(1);
        String mergedId = export.getString("mergedProfileIds[0]");
        given().auth().oauth2(CrmTestInfra.apiToken("ws-" + UUID.randomUUID())).get("/v1/profiles/" + id + "/export").then().statusCode(404);
        given().auth().oauth2(CrmTestInfra.apiToken("ws-" + UUID.randomUUID())).delete("/v1/profiles/" + id).then().statusCode(404);

        given().auth().oauth2(token).delete("/v1/profiles/" + id).then().statusCode(204);

        ProfileErased erased = awaitPublished(id, ProfileErased.class, e -> true);
        assertThat(erased.workspaceId()).isEqualTo(ws);
        assertThat(erased.reason()).isEqualTo("api");
        given().auth().oauth2(token).get("/v1/profiles/" + id).then().statusCode(404);
        given().auth().oauth2(token).get("/v1/profiles/" + mergedId).then().statusCode(404);
        given().auth().oauth2(token).queryParam("email", email).get("/v1/profiles").then().statusCode(404);
        given().auth().oauth2(token).delete("/v1/profiles/" + id).then().statusCode(404);
        assertThat(rowsMentioning(id, mergedId, email, anon, "Evelyne")).isEmpty();
    }

    @Test
    void a_shopify_redact_request_erases_the_profile_it_names() throws Exception {
        String ws = "ws-" + UUID.randomUUID();
        String email = "ray-" + UUID.randomUUID() + "@example.com";
        Identities ray = new Identities(null, null, email, null, "shop-" + email, null, null, null, null);
        sendAndAwait(db, event(ws, EventType.IDENTIFY, null, ray, Map.of("first_name", "Raymonde"), null, T1, "shopify"));
        String id = awaitProfile(ws, "email", email, p -> true).getString("id");

        sendAndAwait(db, event(ws, EventType.TRACK, EventNames.PROFILE_ERASE_REQUESTED,
                new Identities(null, null, null, null, "shop-" + email, null, null, null, null), null, Map.of(), T1.plusSeconds(5), "shopify"));

        ProfileErased erased = awaitPublished(id, ProfileErased.class, e -> true);
        assertThat(erased.reason()).contains("shopify");
        given().auth().oauth2(CrmTestInfra.apiToken(ws)).get("/v1/profiles/" + id).then().statusCode(404);
        assertThat(rowsMentioning(id, email, "Raymonde")).isEmpty();
    }

    @Test
    void a_shopify_shop_redact_erases_every_profile_of_the_workspace_and_what_the_workspace_kept() throws Exception {
        String ws = "ws-" + UUID.randomUUID();
        String ann = "ann-" + UUID.randomUUID() + "@example.com";
        String bob = "bob-" + UUID.randomUUID() + "@example.com";
        sendAndAwait(db, event(ws, EventType.IDENTIFY, null, Identities.of(null, null, ann), Map.of("first_name", "Annabel"), null, T1, "shopify"));
        sendAndAwait(db, event(ws, EventType.TRACK, EventNames.ORDER_COMPLETED, Identities.of(null, null, bob), null,
                Map.of("order_id", "o-" + bob, "total", new BigDecimal("12.00")), T1, "shopify"));
        String annId = awaitProfile(ws, "email", ann, p -> true).getString("id");
        String bobId = awaitProfile(ws, "email", bob, p -> true).getString("id");
        String token = CrmTestInfra.apiToken(ws);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("b2bPagePath", "/pro")).put("/v1/trait-settings")
                .then().statusCode(200);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("name", "orders_seen", "kind", "count", "event", "Order Completed"))
                .post("/v1/computed-traits").then().statusCode(201);

        sendAndAwait(db, event(ws, EventType.TRACK, "Workspace Erase Requested", Identities.of(null, null, null), null,
                Map.of("shop_domain", "shop.example", "reason", "shopify shop/redact"), T1.plusSeconds(5), "shopify"));

        assertThat(awaitPublished(annId, ProfileErased.class, e -> true).reason()).contains("shopify");
        awaitPublished(bobId, ProfileErased.class, e -> true);
        given().auth().oauth2(token).get("/v1/profiles/" + annId).then().statusCode(404);
        assertThat(rowsMentioning(annId, bobId, ann, bob, "Annabel", "/pro", "orders_seen")).isEmpty();
        assertThat(get(ws, "/v1/computed-traits").getList("computedTraits")).isEmpty();
    }

    /** Every row of every table of the service whose text mentions one of the values, as "table: row". */
    List<String> rowsMentioning(String... values) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (rs.next()) tables.add(rs.getString("TABLE_NAME"));
            }
            assertThat(tables).contains("profiles", "identities", "profile_events", "orders", "processed_events", "profile_merges");
            for (String table : tables) {
                for (String value : values) {
                    try (PreparedStatement s = c.prepareStatement("select t::text from \"" + table + "\" t where t::text like ?")) {
                        s.setString(1, "%" + value + "%");
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) found.add(table + ": " + rs.getString(1));
                        }
                    }
                }
            }
        }
        return found;
    }
}
