package crm.profile.traits;

import crm.events.CustomerEvent;
import crm.events.EventNames;
import crm.events.EventType;
import crm.events.Identities;
import crm.events.MessageEvent;
import crm.profile.computed.ComputedTrait;
import crm.profile.computed.ComputedTraitFold;
import crm.profile.consent.ConsentChannel;
import crm.profile.consent.ConsentStatus;
import crm.profile.consent.ConsentTraits;
import crm.profile.identity.PhoneNumbers;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds events into a {@link ProfileState}, in time order. Pure. {@link #replay} folds a whole timeline; folding one
 * more event that comes after every event folded so far gives the same state as replaying them all, which is what
 * makes the fold order-independent: an event that arrives late is folded by replaying the timeline.
 */
public final class TraitFold {
    /** The preference-centre API records a consent change as an event of the timeline under this name. */
    public static final String CONSENT_CHANGED = "Consent Changed";
    public static final String SIGNED_UP = "Signed Up";
    public static final String NPS_SUBMITTED = "NPS Submitted";
    public static final String QUIZ_COMPLETED = "Quiz Completed";
    /** Day buckets older than this before the latest event can no longer be in any 30-day window. */
    static final int WINDOW_DAYS = 30;

    private TraitFold() {
    }

    /**
     * How to read events: phone numbers without a country code are of {@code phoneRegion}; {@code computed} are the
     * workspace's custom computed traits.
     */
    public record Rules(TraitSettings settings, String phoneRegion, List<ComputedTrait> computed) {
        public Rules {
            computed = computed == null ? List.of() : List.copyOf(computed);
        }

        public Rules(TraitSettings settings, String phoneRegion) {
            this(settings, phoneRegion, List.of());
        }
    }

    public static ProfileState replay(Collection<TimelineEvent> timeline, Rules rules) {
        List<TimelineEvent> ordered = new ArrayList<>(timeline);
        ordered.sort(TimelineEvent.ORDER);
        ProfileState state = new ProfileState();
        for (TimelineEvent e : ordered) apply(state, e, rules);
        return state;
    }

    /** Folds one event into the state (which it changes). Call in {@link TimelineEvent#ORDER}. */
    public static void apply(ProfileState s, TimelineEvent timed, Rules rules) {
        CustomerEvent e = timed.event();
        Instant at = timed.at();
        if (timed.isAfter(s)) {
            s.lastAt = at;
            s.lastEventId = e.id();
        }
        if (e.type() == EventType.IDENTIFY) identify(s, e, at, rules);
        // The email and phone the event names are the customer's latest ones, whatever kind of event carried them.
        if (e.identities().email() != null) s.traits.put("email", e.identities().email());
        if (e.identities().phone() != null) s.traits.put("phone", phone(e.identities().phone(), rules));
        context(s, e);

        switch (e.type()) {
            case PAGE, SCREEN -> visit(s, e, at, rules);
            case TRACK -> track(s, e, at, rules);
            default -> {
            }
        }
        ComputedTraitFold.apply(s.computed, rules.computed(), e, at, s.lastAt);
        prune(s);
    }

    private static void identify(ProfileState s, CustomerEvent e, Instant at, Rules rules) {
        Map<String, Object> snake = new java.util.LinkedHashMap<>();
        e.traits().forEach((name, value) -> {
            if (name == null) return;
            String key = TraitNames.snakeCase(name);
            if (!key.isEmpty()) snake.put(key, value);
        });
        for (ConsentTraits.Statement st : ConsentTraits.statements(snake)) {
            consent(s, st.channel(), st.status(), source(e), at, e.id());
        }
        snake.forEach((key, value) -> {
            if (isEmpty(value) || ConsentTraits.isConsentTrait(key)) return;
            if (key.equals("email")) {
                String email = Identities.normaliseEmail(value.toString());
                if (email != null) s.traits.put(key, email);
            } else if (key.equals("phone")) {
                s.traits.put(key, phone(value.toString(), rules));
            } else {
                s.traits.put(key, value);
            }
        });
        // Signing up is the first time the customer told us who they are.
        boolean known = e.identities().email() != null || e.identities().userId() != null || snake.get("email") != null;
        if (known && (s.signupAt == null || at.isBefore(s.signupAt))) s.signupAt = at;
    }

    private static void context(ProfileState s, CustomerEvent e) {
        Map<String, Object> ctx = e.context();
        if (ctx.get("timezone") instanceof String tz && !tz.isBlank()) s.traits.put("timezone", tz.trim());
        if (s.leadSource == null) {
            Object source = ctx.get("campaign") instanceof Map<?, ?> campaign ? campaign.get("source") : null;
            if (source == null) source = e.properties().get("utm_source");
            if (source != null && !source.toString().isBlank()) s.leadSource = source.toString().trim();
        }
    }

    private static void visit(ProfileState s, CustomerEvent e, Instant at, Rules rules) {
        s.visits++;
        day(s, at).visits++;
        s.lastVisit = max(s.lastVisit, at);
        String b2b = rules.settings().b2bPagePath();
        if (b2b != null) path(e).filter(p -> p.startsWith(b2b)).ifPresent(p -> s.b2b = true);
    }

    private static void track(ProfileState s, CustomerEvent e, Instant at, Rules rules) {
        Map<String, Object> p = e.properties();
        Optional<MessageEvent> message = MessageEvent.of(e);
        if (message.isPresent()) {
            message(s, e, message.get(), at);
            return;
        }
        switch (e.name() == null ? "" : e.name()) {
            case EventNames.PRODUCT_VIEWED -> {
                s.productVisits++;
                day(s, at).productVisits++;
                s.lastVisit = max(s.lastVisit, at);
                interest(s, p.get("category"), 1);
            }
            case EventNames.PRODUCT_ADDED -> interest(s, p.get("category"), 2);
            case EventNames.CHECKOUT_STARTED, EventNames.CHECKOUT_UPDATED -> checkout(s, e, at);
            case EventNames.ORDER_COMPLETED -> order(s, e, at);
            case EventNames.ORDER_REFUNDED -> {
                ProfileState.OrderFact o = s.orders.computeIfAbsent(orderKey(e), k -> new ProfileState.OrderFact());
                Optional<BigDecimal> amount = OrderAmount.of(p);
                if (amount.isPresent()) o.refunded = o.refunded.add(amount.get().abs());
                else o.fullyRefunded = true;
            }
            case EventNames.ORDER_CANCELLED -> s.orders.computeIfAbsent(orderKey(e), k -> new ProfileState.OrderFact()).cancelled = true;
            case SIGNED_UP -> {
                if (s.signupAt == null || at.isBefore(s.signupAt)) s.signupAt = at;
            }
            case NPS_SUBMITTED -> {
                Object score = p.containsKey("score") ? p.get("score") : p.get("nps");
                if (!isEmpty(score)) s.traits.put("nps", score);
            }
            case QUIZ_COMPLETED -> {
                Object result = p.containsKey("result") ? p.get("result") : p.get("quiz_result");
                if (!isEmpty(result)) s.traits.put("quiz_result", result);
            }
            case CONSENT_CHANGED -> {
                Optional<ConsentChannel> channel = ConsentChannel.of(String.valueOf(p.get("channel")));
                Optional<ConsentStatus> status = ConsentStatus.ofWord(p.get("status"));
                if (channel.isPresent() && status.isPresent()) consent(s, channel.get(), status.get(), source(e), at, e.id());
            }
            default -> {
            }
        }
    }

    private static void message(ProfileState s, CustomerEvent e, MessageEvent m, Instant at) {
        switch (m.status()) {
            case unsubscribed, spam_reported, group_unsubscribed -> {
                ConsentChannel.of(m.channel().name()).ifPresent(c -> consent(s, c, ConsentStatus.unsubscribed, source(e), at, e.id()));
                return;
            }
            default -> {
            }
        }
        if (m.channel() != MessageEvent.Channel.email) return;
        switch (m.status()) {
            case sent -> {
                s.emailsSent++;
                day(s, at).emailsSent++;
            }
            case opened -> {
                s.emailsOpened++;
                day(s, at).emailsOpened++;
                s.lastEngagement = max(s.lastEngagement, at);
                s.lastEmailOpened = max(s.lastEmailOpened, at);
            }
            case clicked -> {
                s.emailsClicked++;
                day(s, at).emailsClicked++;
                s.lastEngagement = max(s.lastEngagement, at);
                s.lastEmailClicked = max(s.lastEmailClicked, at);
            }
            default -> {
            }
        }
    }

    private static void order(ProfileState s, CustomerEvent e, Instant at) {
        Map<String, Object> p = e.properties();
        ProfileState.OrderFact o = s.orders.computeIfAbsent(orderKey(e), k -> new ProfileState.OrderFact());
        // One order reported twice (two sources, two event ids) counts once: the first report wins.
        if (!o.completed) {
            o.completed = true;
            o.at = at;
            o.amount = OrderAmount.of(p).orElse(BigDecimal.ZERO);
            if (p.get("products") instanceof Collection<?> products) {
                for (Object item : products) {
                    if (item instanceof Map<?, ?> product) interest(s, product.get("category"), 3);
                }
            }
        }
        Optional<String> checkout = checkoutId(e);
        if (checkout.isPresent()) {
            s.openCheckouts.remove(checkout.get());
            s.orderedCheckouts.add(checkout.get());
        } else {
            // An order that names no checkout still ends the checkouts started before it: the customer bought.
            s.openCheckouts.values().removeIf(c -> !c.at.isAfter(at));
        }
    }

    private static void checkout(ProfileState s, CustomerEvent e, Instant at) {
        Optional<String> id = checkoutId(e);
        if (id.isEmpty() || s.orderedCheckouts.contains(id.get())) return;
        Map<String, Object> p = e.properties();
        ProfileState.Checkout c = s.openCheckouts.computeIfAbsent(id.get(), k -> new ProfileState.Checkout());
        c.id = id.get();
        // The checkout as last seen: the lost-checkout date is its latest update.
        c.at = at;
        OrderAmount.of(p).ifPresent(v -> c.value = v);
        for (String key : new String[] {"checkout_url", "recovery_url", "abandoned_checkout_url", "url"}) {
            if (p.get(key) instanceof String url && !url.isBlank()) {
                c.url = url;
                break;
            }
        }
    }

    /** The checkout an event is about: {@code checkout_id} (Segment), else {@code checkout_token}, else the identity. */
    static Optional<String> checkoutId(CustomerEvent e) {
        for (String key : new String[] {"checkout_id", "checkout_token"}) {
            Object v = e.properties().get(key);
            if (v != null && !v.toString().isBlank()) return Optional.of(v.toString().trim());
        }
        return Optional.ofNullable(e.identities().checkoutToken());
    }

    static String orderKey(CustomerEvent e) {
        Object id = e.properties().get("order_id");
        return id == null || id.toString().isBlank() ? "event:" + e.id() : id.toString().trim();
    }

    private static void consent(ProfileState s, ConsentChannel channel, ConsentStatus status, String source, Instant at, String eventId) {
        ProfileState.Consent current = s.consent.get(channel.name());
        if (current != null && current.status().equals(status.name())) return;
        s.consent.put(channel.name(), new ProfileState.Consent(status.name(), source, at));
        s.consentHistory.add(new ProfileState.ConsentChange(channel.name(), status.name(), source, at, eventId));
    }

    private static String source(CustomerEvent e) {
        if (e.properties().get("source") instanceof String src && !src.isBlank()) return src;
        return e.source() == null ? "unknown" : e.source();
    }

    private static void interest(ProfileState s, Object category, long weight) {
        if (isEmpty(category)) return;
        String key = category.toString().trim();
        s.categoryInterest.merge(key, weight, Long::sum);
    }

    private static Optional<String> path(CustomerEvent e) {
        if (e.properties().get("path") instanceof String p && !p.isBlank()) return Optional.of(p.trim());
        Object url = e.properties().get("url");
        if (url == null && e.context().get("page") instanceof Map<?, ?> page) {
            if (page.get("path") instanceof String p && !p.isBlank()) return Optional.of(p.trim());
            url = page.get("url");
        }
        if (url instanceof String u && !u.isBlank()) {
            try {
                String p = URI.create(u.trim()).getPath();
                return p == null || p.isEmpty() ? Optional.of("/") : Optional.of(p);
            } catch (IllegalArgumentException ex) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static ProfileState.DayCounts day(ProfileState s, Instant at) {
        return s.days.computeIfAbsent(LocalDate.ofInstant(at, ZoneOffset.UTC).toString(), d -> new ProfileState.DayCounts());
    }

    /** Buckets that cannot be in the window of any "now" at or after the latest event are dropped. */
    private static void prune(ProfileState s) {
        if (s.lastAt == null || s.days.isEmpty()) return;
        String oldest = LocalDate.ofInstant(s.lastAt, ZoneOffset.UTC).minusDays(WINDOW_DAYS).toString();
        s.days.headMap(oldest, false).clear();
    }

    /** Phones in E.164 when they can be read, else as given (a marketer may still want to see them). */
    private static String phone(String raw, Rules rules) {
        return PhoneNumbers.e164(raw, rules.phoneRegion()).orElse(raw.trim());
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    static boolean isEmpty(Object value) {
        return value == null
                || (value instanceof String str && str.isBlank())
                || (value instanceof Collection<?> c && c.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty());
    }
}
