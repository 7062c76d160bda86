package crm.journey;

import crm.events.PresetSegments;
import crm.journey.journeys.JourneyTemplates;
import crm.journey.runs.RunTimers;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static crm.journey.JourneyScenarios.PATIENCE;
import static crm.journey.JourneyScenarios.awaitSubjects;
import static crm.journey.JourneyScenarios.email;
import static crm.journey.JourneyScenarios.subjects;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every template's scenario, end to end (Kafka in, SMTP out), moving the service's clock instead of sleeping. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class TemplateScenariosTest {
    @Inject
    RunTimers timers;

    private final JourneyScenarios ws = JourneyScenarios.ofNewWorkspace();

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    /** Moves time on and fires the timers that are due (the scheduled worker would within a second). */
    private void advance(Duration by) {
        TestClock.advance(by);
        timers.fireDue(1000);
    }

    private static String sms(JsonPath timeline, String stepId) {
        return timeline.getString("steps.find { it.stepId == '" + stepId + "' }.outcome");
    }

    @Test
    void welcome_sends_three_touchpoints_within_8_days_and_completes() {
        String email = email("welcome");
        ws.enter(PresetSegments.CUSTOMERS, "p-w", Map.of("email", email, "first_name", "Ada"));
        awaitSubjects(email, "Welcome!");
        String run = ws.awaitRun("p-w", JourneyTemplates.journeyId(ws.workspaceId(), "welcome"));
        ws.awaitAt(run, "wait-3-days");
        Instant due = Instant.parse(ws.timeline(run).getString("dueAt"));
        assertThat(Duration.between(TestClock.now(), due)).isBetween(Duration.ofDays(3).minusMinutes(5), Duration.ofDays(3));

        advance(Duration.ofDays(2));
        assertThat(ws.timeline(run).getString("currentStep")).isEqualTo("wait-3-days");
        advance(Duration.ofDays(1));
        awaitSubjects(email, "Welcome!", "Getting the most from your order");
        ws.awaitAt(run, "wait-5-days");
        advance(Duration.ofDays(5));
        awaitSubjects(email, "Welcome!", "Getting the most from your order", "A little something for you");
        ws.awaitStatus(run, "completed");
        JsonPath timeline = ws.timeline(run);
        assertThat(timeline.getList("steps.stepId")).containsExactly("welcome-email", "wait-3-days", "welcome-tips", "wait-5-days", "welcome-offer");
        assertThat(timeline.getList("steps.outcome")).containsExactly("sent", "waited", "sent", "waited", "sent");
        assertThat(timeline.getString("steps[2].send.status")).isEqualTo("sent");
    }

    private String checkoutStarted(String email, String checkoutId) {
        ws.track("Checkout Started", email, Map.of("checkout_id", checkoutId, "checkout_url", "https://shop.example/c/" + checkoutId));
        return checkoutId;
    }

    private String lostCheckoutRun(String profileId, String email) throws Exception {
        String journey = ws.activateTemplate(JourneyTemplates.LOST_CHECKOUT);
        ws.profile(profileId, 1, Map.of("email", email));
        awaitContact(profileId);
        checkoutStarted(email, "co-" + profileId);
        String run = ws.awaitRun(profileId, journey);
        ws.awaitAt(run, "wait-1-hour");
        assertThat(subjects(email)).isEmpty();
        advance(Duration.ofHours(1));
        awaitSubjects(email, "You left something in your cart");
        assertThat(JourneyScenarios.last(email).getHeader("X-CRM-Idempotency-Key")).isNotNull();
        ws.awaitAt(run, "opened");
        return run;
    }

    @Inject
    crm.journey.runtime.Database database;
    @Inject
    crm.journey.contacts.ContactRepository contacts;

    private void awaitContact(String profileId) {
        await().atMost(PATIENCE).until(() -> database.read(c -> contacts.find(c, ws.workspaceId(), profileId)).isPresent());
    }

    @Test
    void lost_checkout_not_opened_goes_on_to_the_sms_then_a_last_email() throws Exception {
        String email = email("cart");
        String run = lostCheckoutRun("p-lc1", email);
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(JourneyScenarios.last(email))).contains("https://shop.example/c/co-p-lc1");
        // The same checkout started again is the same cart: no second run.
        checkoutStarted(email, "co-p-lc1");

        advance(Duration.ofHours(24));
        // No phone in the profile: the SMS is skipped with its reason and the run goes on.
        ws.awaitAt(run, "wait-before-last");
        assertThat(sms(ws.timeline(run), "opened")).isEqualTo("timed_out");
        assertThat(sms(ws.timeline(run), "reminder-sms")).isEqualTo("skipped");
        advance(Duration.ofDays(1));
        awaitSubjects(email, "You left something in your cart", "Last chance: your cart is about to expire");
        ws.awaitStatus(run, "completed");
        assertThat(ws.runs("p-lc1").getList("$")).hasSize(1);
    }

    @Test
    void lost_checkout_opened_skips_the_sms() throws Exception {
        String email = email("opened");
        String run = lostCheckoutRun("p-lc2", email);
        ws.opened(email, run, "reminder-email");
        ws.awaitAt(run, "wait-before-last");
        assertThat(sms(ws.timeline(run), "opened")).isEqualTo("happened");
        assertThat(ws.timeline(run).getList("steps.stepId")).doesNotContain("reminder-sms");
        advance(Duration.ofDays(1));
        awaitSubjects(email, "You left something in your cart", "Last chance: your cart is about to expire");
    }

    @Test
    void lost_checkout_leaves_at_once_when_that_checkout_is_ordered() throws Exception {
        String email = email("ordered");
        String run = lostCheckoutRun("p-lc3", email);
        // An order of another cart changes nothing; the order of this one ends the run.
        ws.track("Order Completed", email, Map.of("checkout_id", "another-cart", "order_id", "o-0"));
        ws.track("Order Completed", email, Map.of("checkout_id", "co-p-lc3", "order_id", "o-1", "total", 42.5));
        ws.awaitStatus(run, "exited");
        JsonPath timeline = ws.timeline(run);
        assertThat(timeline.getString("endReason")).isEqualTo("exit: Order Completed");
        assertThat(timeline.getString("convertedAt")).isNotNull();
        advance(Duration.ofDays(3));
        timers.fireDue(1000);
        assertThat(subjects(email)).containsExactly("You left something in your cart");
        assertThat(ws.timeline(run).getString("status")).isEqualTo("exited");
    }

    @Test
    void win_back_sends_two_emails_a_week_apart_and_leaves_when_no_longer_churned() {
        ws.activateTemplate(JourneyTemplates.WIN_BACK);
        String stays = email("churned"), returns = email("returns");
        ws.enter(JourneyTemplates.SEGMENT_CHURNED, "p-wb1", Map.of("email", stays));
        ws.enter(JourneyTemplates.SEGMENT_CHURNED, "p-wb2", Map.of("email", returns));
        awaitSubjects(stays, "We miss you");
        awaitSubjects(returns, "We miss you");
        String journey = JourneyTemplates.journeyId(ws.workspaceId(), JourneyTemplates.WIN_BACK);
        String returning = ws.awaitRun("p-wb2", journey);
        ws.awaitAt(returning, "wait-7-days");
        ws.exit(JourneyTemplates.SEGMENT_CHURNED, "p-wb2", Map.of("email", returns));
        ws.awaitStatus(returning, "exited");
        advance(Duration.ofDays(7));
        awaitSubjects(stays, "We miss you", "Come back for 15% off");
        assertThat(subjects(returns)).containsExactly("We miss you");
    }

    @Test
    void post_first_purchase_sends_two_touchpoints_and_a_review_request() {
        ws.activateTemplate(JourneyTemplates.POST_FIRST_PURCHASE);
        String email = email("first");
        ws.enter(JourneyTemplates.SEGMENT_FIRST_TIME_BUYERS, "p-fp", Map.of("email", email));
        String run = ws.awaitRun("p-fp", JourneyTemplates.journeyId(ws.workspaceId(), JourneyTemplates.POST_FIRST_PURCHASE));
        ws.awaitAt(run, "wait-1-day");
        advance(Duration.ofDays(1));
        awaitSubjects(email, "How to enjoy your purchase");
        ws.awaitAt(run, "wait-3-days");
        advance(Duration.ofDays(3));
        awaitSubjects(email, "How to enjoy your purchase", "The story behind our shop");
        ws.awaitAt(run, "wait-6-days");
        advance(Duration.ofDays(6));
        awaitSubjects(email, "How to enjoy your purchase", "The story behind our shop", "How was your order?");
        ws.awaitStatus(run, "completed");
    }

    @Test
    void post_purchase_loyalty_thanks_then_shows_the_perks() {
        ws.activateTemplate(JourneyTemplates.POST_PURCHASE_LOYALTY);
        String email = email("loyal");
        ws.enter(JourneyTemplates.SEGMENT_LOYAL, "p-loyal", Map.of("email", email));
        awaitSubjects(email, "Thank you for coming back");
        String run = ws.awaitRun("p-loyal", JourneyTemplates.journeyId(ws.workspaceId(), JourneyTemplates.POST_PURCHASE_LOYALTY));
        ws.awaitAt(run, "wait-14-days");
        advance(Duration.ofDays(14));
        awaitSubjects(email, "Thank you for coming back", "Your loyalty perks");
        ws.awaitStatus(run, "completed");
    }

    @Test
    void reorder_reminds_and_leaves_converted_when_the_customer_orders() {
        ws.activateTemplate(JourneyTemplates.REORDER);
        String orders = email("reorders"), waits = email("waits");
        ws.profile("p-ro1", 1, Map.of("email", orders));
        awaitContact("p-ro1");
        ws.enter(JourneyTemplates.SEGMENT_POTENTIAL_REORDER, "p-ro1", Map.of("email", orders));
        ws.enter(JourneyTemplates.SEGMENT_POTENTIAL_REORDER, "p-ro2", Map.of("email", waits));
        awaitSubjects(orders, "Time to restock?");
        awaitSubjects(waits, "Time to restock?");
        String journey = JourneyTemplates.journeyId(ws.workspaceId(), JourneyTemplates.REORDER);
        String ordered = ws.awaitRun("p-ro1", journey);
        ws.awaitAt(ordered, "wait-5-days");
        ws.track("Order Completed", orders, Map.of("order_id", "o-2", "total", 30));
        ws.awaitStatus(ordered, "exited");
        assertThat(ws.timeline(ordered).getString("convertedAt")).isNotNull();
        advance(Duration.ofDays(5));
        awaitSubjects(waits, "Time to restock?", "Still thinking about it?");
        assertThat(subjects(orders)).containsExactly("Time to restock?");
    }

    @Test
    void browse_abandonment_reminds_of_the_product_two_hours_later_once_a_week() throws Exception {
        String journey = ws.activateTemplate(JourneyTemplates.BROWSE_ABANDONMENT);
        String email = email("browser");
        ws.profile("p-br", 1, Map.of("email", email));
        awaitContact("p-br");
        ws.track("Product Viewed", email, Map.of("product_id", "sku-1", "name", "Blue mug", "url", "https://shop.example/p/sku-1"));
        String run = ws.awaitRun("p-br", journey);
        ws.awaitAt(run, "wait-2-hours");
        advance(Duration.ofHours(2));
        awaitSubjects(email, "Still interested?");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(JourneyScenarios.last(email))).contains("Blue mug");
        ws.awaitStatus(run, "completed");
        // The same product again within the week starts nothing; after 7 days it may.
        ws.track("Product Viewed", email, Map.of("product_id", "sku-1"));
        advance(Duration.ofDays(7));
        ws.track("Product Viewed", email, Map.of("product_id", "sku-1"));
        await().atMost(PATIENCE).until(() -> ws.runs("p-br").getList("$").size() == 2);
        assertThat(ws.runs("p-br").getList("status")).containsExactly("completed", "running");
    }

    @Test
    void re_engagement_writes_only_to_the_once_engaged_who_went_quiet() {
        String journey = ws.activateTemplate(JourneyTemplates.RE_ENGAGEMENT);
        String quiet = email("quiet"), never = email("never");
        ws.enter(JourneyTemplates.SEGMENT_SLIPPING_AWAY, "p-re1", Map.of("email", quiet, "engagement_score", 25, "engagement_score_30d", 0));
        ws.enter(JourneyTemplates.SEGMENT_SLIPPING_AWAY, "p-re2", Map.of("email", never, "engagement_score", 2, "engagement_score_30d", 0));
        awaitSubjects(quiet, "We miss you");
        String other = ws.awaitRun("p-re2", journey);
        ws.awaitStatus(other, "exited");
        assertThat(ws.timeline(other).getList("steps.outcome")).containsExactly("then", "else", "exited");
        advance(Duration.ofDays(7));
        awaitSubjects(quiet, "We miss you", "Something to welcome you back");
        assertThat(subjects(never)).isEmpty();
    }

    @Test
    void milestone_celebrates_one_year_after_the_first_order_in_the_customer_morning() {
        String welcome = ws.activateTemplate(JourneyTemplates.WELCOME);
        given().auth().oauth2(ws.token()).post("/v1/journeys/{id}/pause", welcome).then().statusCode(200);
        String journey = ws.activateTemplate(JourneyTemplates.MILESTONE);
        String email = email("anniversary");
        ws.enter(PresetSegments.CUSTOMERS, "p-ms", Map.of("email", email, "first_order_date", TestClock.now().toString(),
                "timezone", "America/New_York"));
        String run = ws.awaitRun("p-ms", journey);
        ws.awaitAt(run, "one-year");
        advance(Duration.ofDays(364));
        assertThat(ws.timeline(run).getString("currentStep")).isEqualTo("one-year");
        advance(Duration.ofDays(1).plusMinutes(1));
        ws.awaitAt(run, "morning");
        Instant morning = Instant.parse(ws.timeline(run).getString("dueAt"));
        assertThat(morning.atZone(java.time.ZoneId.of("America/New_York")).toLocalTime()).isEqualTo(java.time.LocalTime.of(10, 0));
        advance(Duration.ofDays(1));
        awaitSubjects(email, "One year together!");
        ws.awaitStatus(run, "completed");
    }

    @Test
    void referral_splits_the_most_engaged_between_two_wordings_then_reminds() {
        String journey = ws.activateTemplate(JourneyTemplates.REFERRAL);
        List<String> emails = List.of(email("fan0"), email("fan1"), email("fan2"), email("fan3"));
        for (int i = 0; i < emails.size(); i++) ws.enter(JourneyTemplates.SEGMENT_FANS, "p-fan" + i, Map.of("email", emails.get(i)));
        for (int i = 0; i < emails.size(); i++) {
            String email = emails.get(i);
            await().atMost(PATIENCE).until(() -> subjects(email).size() == 1);
            String run = ws.awaitRun("p-fan" + i, journey);
            String variant = ws.timeline(run).getString("steps[0].outcome");
            assertThat(subjects(email)).containsExactly(variant.equals("variant a") ? "Share the love, get 10 EUR" : "Your friends deserve this too");
            ws.awaitAt(run, "wait-10-days");
        }
        advance(Duration.ofDays(10));
        for (String email : emails) await().atMost(PATIENCE).until(() -> subjects(email).size() == 2);
        assertThat(emails).allSatisfy(e -> assertThat(subjects(e).get(1)).isEqualTo("Your referral reward is waiting"));
    }

    @Test
    void templates_are_listed_and_activating_one_twice_keeps_one_journey() {
        JsonPath list = given().auth().oauth2(ws.token()).get("/v1/journeys/templates").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("key")).containsExactly("welcome", "lost_checkout", "win_back", "post_first_purchase",
                "post_purchase_loyalty", "reorder", "browse_abandonment", "re_engagement", "milestone", "referral");
        String first = ws.activateTemplate(JourneyTemplates.REFERRAL);
        assertThat(ws.activateTemplate(JourneyTemplates.REFERRAL)).isEqualTo(first);
        JsonPath journeys = given().auth().oauth2(ws.token()).get("/v1/journeys").then().statusCode(200).extract().jsonPath();
        assertThat(journeys.getList("findAll { it.templateKey == 'referral' }")).hasSize(1);
        assertThat(journeys.getString("find { it.templateKey == 'referral' }.status")).isEqualTo("active");
        given().auth().oauth2(ws.token()).post("/v1/journeys/templates/{k}/activate", "nope")
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(UUID.fromString(first)).isNotNull();
    }
}
