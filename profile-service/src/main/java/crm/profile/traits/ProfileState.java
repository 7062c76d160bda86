package crm.profile.traits;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the fold of a profile's timeline accumulates, stored as JSON beside the profile. It is a left fold over the
 * events in time order ({@link TraitFold}), so it equals a replay of the whole timeline whatever order the events
 * arrived in; the traits a marketer sees are read from it at a given "now" ({@link TraitView}).
 */
public final class ProfileState {
    /** Identify and custom traits, snake_case, the latest non-empty value by event time. */
    public Map<String, Object> traits = new LinkedHashMap<>();
    /** Orders by order id (the event id when the order names none). */
    public Map<String, OrderFact> orders = new LinkedHashMap<>();
    public Instant signupAt;
    /** First touch: the campaign source of the earliest event that had one. */
    public String leadSource;
    public Instant lastVisit;
    /** Last email open or click. */
    public Instant lastEngagement;
    public Instant lastEmailOpened;
    public Instant lastEmailClicked;
    public long emailsSent;
    public long emailsOpened;
    public long emailsClicked;
    public long visits;
    public long productVisits;
    /** Day buckets (UTC date, ISO) of the last 30 days before the latest event, for the rolling 30-day values. */
    public TreeMap<String, DayCounts> days = new TreeMap<>();
    /** Interest per product category: views 1, adds to cart 2, purchases 3. */
    public TreeMap<String, Long> categoryInterest = new TreeMap<>();
    /** Checkouts started and not (yet) ordered, by checkout id. */
    public Map<String, Checkout> openCheckouts = new LinkedHashMap<>();
    /** Checkouts that became orders: a late "Checkout Updated" of one of them does not reopen it. */
    public TreeSet<String> orderedCheckouts = new TreeSet<>();
    public boolean b2b;
    public TreeMap<String, Consent> consent = new TreeMap<>();
    public List<ConsentChange> consentHistory = new ArrayList<>();
    /** The latest event folded (time, then id): an event after it folds incrementally, one before it needs a replay. */
    public Instant lastAt;
    public String lastEventId;
    /** The values of the workspace's custom computed traits, by definition id (crm.profile.computed). */
    public TreeMap<String, crm.profile.computed.ComputedValue> computed = new TreeMap<>();

    public static final class OrderFact {
        public Instant at;
        public BigDecimal amount = BigDecimal.ZERO;
        public BigDecimal refunded = BigDecimal.ZERO;
        public boolean completed;
        public boolean cancelled;
        public boolean fullyRefunded;

        /** A cancelled or fully refunded order no longer counts. */
        public boolean counts() {
            if (!completed || cancelled || fullyRefunded) return false;
            return amount.signum() <= 0 || refunded.compareTo(amount) < 0;
        }

        public BigDecimal spent() {
            BigDecimal s = amount.subtract(refunded);
            return s.signum() < 0 ? BigDecimal.ZERO : s;
        }
    }

    public static final class DayCounts {
        public long visits;
        public long productVisits;
        public long emailsSent;
        public long emailsOpened;
        public long emailsClicked;

        @JsonIgnore
        public boolean isEmpty() {
            return visits == 0 && productVisits == 0 && emailsSent == 0 && emailsOpened == 0 && emailsClicked == 0;
        }
    }

    public static final class Checkout {
        public String id;
        public Instant at;
        public BigDecimal value;
        public String url;
    }

    /** The current consent of one channel. */
    public record Consent(String status, String source, Instant at) {
    }

    /** One change of consent, kept forever in the history (until the profile is erased). */
    public record ConsentChange(String channel, String status, String source, Instant at, String eventId) {
    }
}
