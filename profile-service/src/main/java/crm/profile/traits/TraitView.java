package crm.profile.traits;

import crm.profile.consent.ConsentChannel;
import crm.profile.consent.ConsentStatus;
import crm.profile.computed.ComputedTrait;
import crm.profile.computed.ComputedTraitFold;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The traits of a profile as segments and journeys see them (published on crm.profiles.v1), read from its fold state
 * at a given "now": rolling 30-day values count the day buckets of the 30 UTC days ending today. Pure.
 *
 * <p>Computed figures win over an identify trait of the same name (a store cannot set {@code orders_count}); for
 * {@code signup_date}, {@code lead_source}, {@code timezone} and {@code nps} a value the store declared is kept and
 * the computed one fills in when it did not. Dates are ISO-8601 strings, amounts exact decimals.
 */
public final class TraitView {
    public static final int ROLLING_DAYS = 30;

    private TraitView() {
    }

    /** The order figures the profiles table keeps as columns (workspace KPIs and predictions read them). */
    public record OrderFigures(int ordersCount, BigDecimal totalSpent, Instant firstOrderDate, Instant lastOrderDate) {
    }

    /** The profile as computed from its state at {@code now}: traits, order figures, the given version and cause. */
    public static Profile profile(Profile before, ProfileState s, long version, String causeEventId, Instant now, TraitSettings settings,
                                  List<ComputedTrait> computed) {
        OrderFigures o = orders(s);
        Map<String, Object> traits = traits(s, now, settings);
        // Custom computed traits, under their names (segment-service reads them as custom.<name>).
        ComputedTraitFold.addTo(traits, computed, s.computed, before.traits(), now);
        // Hook of crm.profile.predictions (issue 5): the prediction traits the last refit wrote stay until the next refit.
        crm.profile.predictions.Prediction.carryOver(before.traits(), traits);
        return new Profile(before.id(), before.workspaceId(), traits, o.ordersCount(), o.totalSpent(),
                o.firstOrderDate(), o.lastOrderDate(), s.emailsSent, version, causeEventId, before.createdAt(), now);
    }

    public static OrderFigures orders(ProfileState s) {
        int count = 0;
        BigDecimal spent = BigDecimal.ZERO;
        Instant first = null;
        Instant last = null;
        for (ProfileState.OrderFact o : s.orders.values()) {
            if (!o.counts()) continue;
            count++;
            spent = spent.add(o.spent());
            if (o.at != null) {
                first = first == null || o.at.isBefore(first) ? o.at : first;
                last = last == null || o.at.isAfter(last) ? o.at : last;
            }
        }
        return new OrderFigures(count, spent, first, last);
    }

    public static Map<String, Object> traits(ProfileState s, Instant now, TraitSettings settings) {
        Map<String, Object> t = new LinkedHashMap<>(s.traits);
        OrderFigures o = orders(s);
        t.put("orders_count", o.ordersCount());
        t.put("total_spent", o.totalSpent());
        // No orders, no basket: left out rather than a misleading zero.
        if (o.ordersCount() > 0) t.put("average_basket", averageBasket(o.totalSpent(), o.ordersCount()));
        else t.remove("average_basket");
        date(t, "first_order_date", o.firstOrderDate());
        date(t, "last_order_date", o.lastOrderDate());

        if (s.signupAt != null) t.putIfAbsent("signup_date", s.signupAt.toString());
        if (s.leadSource != null) t.putIfAbsent("lead_source", s.leadSource);
        date(t, "last_visit", s.lastVisit);
        date(t, "last_activity", latest(s.lastVisit, s.lastEngagement));
        date(t, "last_email_opened", s.lastEmailOpened);
        date(t, "last_email_clicked", s.lastEmailClicked);

        ProfileState.DayCounts window = window(s, now);
        t.put("emails_sent", s.emailsSent);
        t.put("emails_sent_30d", window.emailsSent);
        t.put("emails_opened", s.emailsOpened);
        t.put("emails_opened_30d", window.emailsOpened);
        t.put("emails_clicked", s.emailsClicked);
        t.put("emails_clicked_30d", window.emailsClicked);
        t.put("visits", s.visits);
        t.put("visits_30d", window.visits);
        t.put("product_visits", s.productVisits);
        t.put("product_visits_30d", window.productVisits);
        if (s.categoryInterest.isEmpty()) t.remove("category_interest");
        else t.put("category_interest", new LinkedHashMap<>(s.categoryInterest));
        TraitSettings.EngagementWeights w = settings.engagementWeights();
        t.put("engagement_score", number(w.score(s.visits, s.emailsOpened, s.emailsClicked, s.productVisits)));
        t.put("engagement_score_30d", number(w.score(window.visits, window.emailsOpened, window.emailsClicked, window.productVisits)));

        for (String k : new String[] {"lost_checkout_id", "lost_checkout_date", "lost_checkout_value", "lost_checkout_url"}) t.remove(k);
        lostCheckout(s).ifPresent(c -> {
            t.put("lost_checkout_id", c.id);
            t.put("lost_checkout_date", c.at.toString());
            if (c.value != null) t.put("lost_checkout_value", c.value);
            if (c.url != null) t.put("lost_checkout_url", c.url);
        });
        t.put("b2b", s.b2b);
        for (ConsentChannel c : ConsentChannel.values()) {
            ProfileState.Consent consent = s.consent.get(c.name());
            t.put("consent_" + c.name(), consent == null ? ConsentStatus.never_asked.name() : consent.status());
        }
        return t;
    }

    /** The most recent checkout that did not become an order. */
    public static Optional<ProfileState.Checkout> lostCheckout(ProfileState s) {
        return s.openCheckouts.values().stream().filter(c -> c.at != null)
                .max(java.util.Comparator.comparing((ProfileState.Checkout c) -> c.at).thenComparing(c -> c.id));
    }

    /** The sums of the day buckets of the 30 UTC days ending on now's day. */
    static ProfileState.DayCounts window(ProfileState s, Instant now) {
        String from = firstDayOfWindow(now).toString();
        ProfileState.DayCounts sum = new ProfileState.DayCounts();
        s.days.tailMap(from, true).values().forEach(d -> {
            sum.visits += d.visits;
            sum.productVisits += d.productVisits;
            sum.emailsSent += d.emailsSent;
            sum.emailsOpened += d.emailsOpened;
            sum.emailsClicked += d.emailsClicked;
        });
        return sum;
    }

    /**
     * When a rolling value next falls: the start of the day on which the oldest bucket still in the window leaves it;
     * empty when no bucket is in the window.
     */
    public static Optional<Instant> nextDecay(ProfileState s, Instant now) {
        String from = firstDayOfWindow(now).toString();
        Optional<Instant> rolling = s.days.tailMap(from, true).entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .findFirst()
                .map(e -> LocalDate.parse(e.getKey()).plusDays(ROLLING_DAYS).atStartOfDay(ZoneOffset.UTC).toInstant());
        // Custom traits counted "within N days" fall the same way.
        Optional<Instant> custom = ComputedTraitFold.nextDecay(s.computed.values(), now);
        if (rolling.isEmpty()) return custom;
        if (custom.isEmpty()) return rolling;
        return custom.get().isBefore(rolling.get()) ? custom : rolling;
    }

    private static LocalDate firstDayOfWindow(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(ROLLING_DAYS - 1);
    }

    static BigDecimal averageBasket(BigDecimal totalSpent, int ordersCount) {
        return totalSpent.divide(BigDecimal.valueOf(ordersCount), 2, RoundingMode.HALF_UP);
    }

    /** Whole scores as integers (12, not 12.0), others as plain decimals. */
    static Number number(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.scale() <= 0) return stripped.longValueExact();
        return new BigDecimal(stripped.toPlainString());
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.isAfter(b) ? a : b;
    }

    private static void date(Map<String, Object> traits, String name, Instant at) {
        if (at == null) traits.remove(name);
        else traits.put(name, at.toString());
    }
}
