package crm.journey.journeys;

import crm.events.EventNames;
import crm.events.MessageEvent;
import crm.events.PresetSegments;
import crm.journey.definition.EntryRule;
import crm.journey.definition.ExitCriterion;
import crm.journey.definition.Goal;
import crm.journey.definition.JourneyDefinition;
import crm.journey.definition.Step;
import crm.journey.definition.Trigger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The journeys a store expects on day one, ready to activate per workspace ({@code POST
 * /v1/journeys/templates/{key}/activate}). Welcome is created active with every workspace. Segment triggers name the
 * workspace's preset segments by key ({@link PresetSegments#id}); the keys segment-service is to create them under are
 * the constants below (documented in journey-service/README.md).
 */
public final class JourneyTemplates {
    public static final String WELCOME = "welcome";
    public static final String WELCOME_STEP = "welcome-email";
    public static final String WELCOME_MESSAGE = "welcome";
    public static final String LOST_CHECKOUT = "lost_checkout";
    public static final String WIN_BACK = "win_back";
    public static final String POST_FIRST_PURCHASE = "post_first_purchase";
    public static final String POST_PURCHASE_LOYALTY = "post_purchase_loyalty";
    public static final String REORDER = "reorder";
    public static final String BROWSE_ABANDONMENT = "browse_abandonment";
    public static final String RE_ENGAGEMENT = "re_engagement";
    public static final String MILESTONE = "milestone";
    public static final String REFERRAL = "referral";

    /** Preset segment keys (besides {@link PresetSegments#CUSTOMERS}) the templates trigger on. */
    public static final String SEGMENT_FIRST_TIME_BUYERS = "first_time_buyers";
    public static final String SEGMENT_LOYAL = "loyal";
    public static final String SEGMENT_CHURNED = "churned";
    public static final String SEGMENT_POTENTIAL_REORDER = "potential_reorder";
    public static final String SEGMENT_SLIPPING_AWAY = "slipping_away";
    public static final String SEGMENT_FANS = "fans";

    private static final MessageEvent.Channel EMAIL = MessageEvent.Channel.email;
    private static final Goal ORDER_WITHIN_5_DAYS = new Goal(EventNames.ORDER_COMPLETED, "P5D");

    private JourneyTemplates() {
    }

    /** The journeys a new workspace gets, active from the start, so a store sends its welcome email on day one. */
    public static List<JourneyTemplate> forWorkspace(String workspaceId) {
        return List.of(welcome(workspaceId));
    }

    /** Every template, in the order a store would meet them. */
    public static List<JourneyTemplate> all(String ws) {
        return List.of(welcome(ws), lostCheckout(), winBack(ws), postFirstPurchase(ws), postPurchaseLoyalty(ws), reorder(ws),
                browseAbandonment(), reEngagement(ws), milestone(ws), referral(ws));
    }

    public static Optional<JourneyTemplate> byKey(String workspaceId, String key) {
        return all(workspaceId).stream().filter(t -> t.key().equals(key)).findFirst();
    }

    /** Three touchpoints within 8 days of entering Customers: at once, after 3 days, after 8. */
    public static JourneyTemplate welcome(String ws) {
        return new JourneyTemplate(WELCOME, "Welcome", "Three emails within 8 days of the first order: welcome, tips, an offer",
                new JourneyDefinition(segment(ws, PresetSegments.CUSTOMERS), null, List.of(
                        new Step.Send(WELCOME_STEP, EMAIL, WELCOME_MESSAGE),
                        Step.Wait.of("wait-3-days", "P3D"),
                        new Step.Send("welcome-tips", EMAIL, "welcome-tips"),
                        Step.Wait.of("wait-5-days", "P5D"),
                        new Step.Send("welcome-offer", EMAIL, "welcome-offer")),
                        null, null));
    }

    /**
     * One run per checkout: an email after 1 h; if it is not opened within 24 h an SMS; a last email a day later. The
     * run leaves at once when that checkout's order arrives.
     */
    public static JourneyTemplate lostCheckout() {
        return new JourneyTemplate(LOST_CHECKOUT, "Lost checkout",
                "Email after 1 h, an SMS if not opened within 24 h, a last email; leaves when the checkout is ordered",
                new JourneyDefinition(new Trigger.EventHappened(EventNames.CHECKOUT_STARTED, Map.of()),
                        new EntryRule("properties.checkout_id", EntryRule.ReEntry.never, null), List.of(
                        Step.Wait.of("wait-1-hour", "PT1H"),
                        new Step.Send("reminder-email", EMAIL, "lost-checkout"),
                        new Step.WaitForEvent("opened", MessageEvent.Status.opened.eventName, "reminder-email", "P1D",
                                "wait-before-last", "reminder-sms"),
                        new Step.Send("reminder-sms", MessageEvent.Channel.sms, "lost-checkout-sms"),
                        Step.Wait.of("wait-before-last", "P1D"),
                        new Step.Send("last-email", EMAIL, "lost-checkout-last")),
                        List.of(new ExitCriterion.EventHappened(EventNames.ORDER_COMPLETED, "properties.checkout_id")),
                        ORDER_WITHIN_5_DAYS));
    }

    /** Churned customers: a we-want-you-back email, an offer a week later; leaves when they order again. */
    public static JourneyTemplate winBack(String ws) {
        return new JourneyTemplate(WIN_BACK, "Win-back", "Two emails to churned customers a week apart; leaves when they order",
                new JourneyDefinition(segment(ws, SEGMENT_CHURNED), null, List.of(
                        new Step.Send("win-back-email", EMAIL, "win-back"),
                        Step.Wait.of("wait-7-days", "P7D"),
                        new Step.Send("win-back-offer", EMAIL, "win-back-offer")),
                        List.of(new ExitCriterion.EventHappened(EventNames.ORDER_COMPLETED, null),
                                new ExitCriterion.SegmentExited(PresetSegments.id(ws, SEGMENT_CHURNED))),
                        new Goal(EventNames.ORDER_COMPLETED, "P14D")));
    }

    /** After a first order: tips on day 1, the brand's story on day 4, a review request on day 10. */
    public static JourneyTemplate postFirstPurchase(String ws) {
        return new JourneyTemplate(POST_FIRST_PURCHASE, "Post-first-purchase", "Two touchpoints and a review request within 10 days",
                new JourneyDefinition(segment(ws, SEGMENT_FIRST_TIME_BUYERS), null, List.of(
                        Step.Wait.of("wait-1-day", "P1D"),
                        new Step.Send("tips", EMAIL, "post-purchase-tips"),
                        Step.Wait.of("wait-3-days", "P3D"),
                        new Step.Send("story", EMAIL, "post-purchase-story"),
                        Step.Wait.of("wait-6-days", "P6D"),
                        new Step.Send("review-request", EMAIL, "review-request")),
                        null, null));
    }

    /** Second order and beyond: thanks at once, the loyalty perks two weeks later. */
    public static JourneyTemplate postPurchaseLoyalty(String ws) {
        return new JourneyTemplate(POST_PURCHASE_LOYALTY, "Post-purchase loyalty", "Thanks loyal customers, then shows their perks",
                new JourneyDefinition(segment(ws, SEGMENT_LOYAL), null, List.of(
                        new Step.Send("thanks", EMAIL, "loyalty-thanks"),
                        Step.Wait.of("wait-14-days", "P14D"),
                        new Step.Send("perks", EMAIL, "loyalty-perks")),
                        null, null));
    }

    /** One order a while ago and browsing again: a reminder, a last call 5 days later; leaves on an order. */
    public static JourneyTemplate reorder(String ws) {
        return new JourneyTemplate(REORDER, "Re-order", "A reminder and a last call to customers likely to order again",
                new JourneyDefinition(segment(ws, SEGMENT_POTENTIAL_REORDER), null, List.of(
                        new Step.Send("reminder", EMAIL, "reorder-reminder"),
                        Step.Wait.of("wait-5-days", "P5D"),
                        new Step.Send("last-call", EMAIL, "reorder-last-call")),
                        List.of(new ExitCriterion.EventHappened(EventNames.ORDER_COMPLETED, null)),
                        new Goal(EventNames.ORDER_COMPLETED, "P7D")));
    }

    /** A product viewed and not bought: one reminder 2 h later, at most once a week per product; leaves on an order. */
    public static JourneyTemplate browseAbandonment() {
        return new JourneyTemplate(BROWSE_ABANDONMENT, "Browse abandonment", "Reminds of a viewed product 2 h later",
                new JourneyDefinition(new Trigger.EventHappened(EventNames.PRODUCT_VIEWED, Map.of()),
                        new EntryRule("properties.product_id", EntryRule.ReEntry.after, 7), List.of(
                        Step.Wait.of("wait-2-hours", "PT2H"),
                        new Step.Send("reminder", EMAIL, "browse-reminder")),
                        List.of(new ExitCriterion.EventHappened(EventNames.ORDER_COMPLETED, null),
                                new ExitCriterion.EventHappened(EventNames.CHECKOUT_STARTED, null)),
                        ORDER_WITHIN_5_DAYS));
    }

    /**
     * Slipping away: only customers whose engagement of the last 30 days fell to 0 while their lifetime engagement is
     * high (at least 10) get a we-miss-you email and an offer a week later; the others leave at once.
     */
    public static JourneyTemplate reEngagement(String ws) {
        return new JourneyTemplate(RE_ENGAGEMENT, "Re-engagement",
                "Engagement of the last 30 days at 0 while lifetime engagement is high: two emails a week apart",
                new JourneyDefinition(segment(ws, SEGMENT_SLIPPING_AWAY), null, List.of(
                        new Step.Condition("quiet-lately", "engagement_score_30d", Step.Condition.Op.lte, 0, null,
                                "engaged-before", "not-for-them"),
                        new Step.Condition("engaged-before", "engagement_score", Step.Condition.Op.gte, 10, null,
                                "we-miss-you", "not-for-them"),
                        new Step.Exit("not-for-them"),
                        new Step.Send("we-miss-you", EMAIL, "we-miss-you"),
                        Step.Wait.of("wait-7-days", "P7D"),
                        new Step.Send("offer", EMAIL, "re-engagement-offer")),
                        List.of(new ExitCriterion.SegmentExited(PresetSegments.id(ws, SEGMENT_SLIPPING_AWAY))),
                        null));
    }

    /** One year after the first order, at 10:00 in the customer's timezone; customers without the date leave. */
    public static JourneyTemplate milestone(String ws) {
        return new JourneyTemplate(MILESTONE, "Milestone", "Celebrates one year since the first order",
                new JourneyDefinition(segment(ws, PresetSegments.CUSTOMERS), null, List.of(
                        new Step.Condition("has-first-order", "first_order_date", Step.Condition.Op.exists, null, null,
                                "one-year", "no-first-order"),
                        new Step.Exit("no-first-order"),
                        new Step.Wait("one-year", null, null, "first_order_date", "P365D", null),
                        new Step.Wait("morning", null, "10:00", null, null, null),
                        new Step.Send("anniversary", EMAIL, "anniversary")),
                        null, null));
    }

    /** The most engaged customers: a referral invitation, A/B tested on two wordings, and a reminder 10 days later. */
    public static JourneyTemplate referral(String ws) {
        return new JourneyTemplate(REFERRAL, "Referral", "Invites the most engaged customers to refer a friend (A/B)",
                new JourneyDefinition(segment(ws, SEGMENT_FANS), null, List.of(
                        new Step.Split("wording", List.of(new Step.Split.Variant("a", 50, "invite-a"),
                                new Step.Split.Variant("b", 50, "invite-b"))),
                        new Step.Send("invite-a", EMAIL, "referral-invite", "wait-10-days"),
                        new Step.Send("invite-b", EMAIL, "referral-invite-b", "wait-10-days"),
                        Step.Wait.of("wait-10-days", "P10D"),
                        new Step.Send("reminder", EMAIL, "referral-reminder")),
                        null, null));
    }

    private static Trigger segment(String ws, String presetKey) {
        return new Trigger.SegmentEntered(PresetSegments.id(ws, presetKey));
    }

    /**
     * The id of a workspace's journey made from a template: derived, not random, so every replica creating it at
     * once agrees on one row.
     */
    public static String journeyId(String workspaceId, String templateKey) {
        return UUID.nameUUIDFromBytes(("crm-journey-template:" + workspaceId + ":" + templateKey)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
