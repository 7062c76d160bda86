package crm.journey.guards;

import crm.events.MessageEvent.Channel;
import crm.journey.contacts.Consent;
import crm.journey.contacts.Contact;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guards every send passes before a provider is called, in order: an address, no suppression (any kind), then for
 * marketing: consent, empathy, frequency caps, quiet hours. Transactional messages (receipts) only need an address
 * that is not suppressed. Pure: everything it needs is in the {@link SendCheck}.
 */
public final class Guards {
    private Guards() {
    }

    public static Verdict check(GuardRules rules, SendCheck send) {
        if (send.recipient() == null || send.recipient().isBlank()) {
            return new Verdict.Skip(SkipReason.no_address, switch (send.channel()) {
                case email -> "no email address in the profile";
                case sms, whatsapp -> "no phone number in the profile";
                case webhook -> "no webhook URL for the workspace";
            });
        }
        if (send.suppression().isPresent()) {
            return new Verdict.Skip(SkipReason.suppressed, "address suppressed: " + send.suppression().get());
        }
        if (send.kind() == MessageKind.transactional) return Verdict.GO;

        Optional<Verdict> consent = consent(rules, send);
        if (consent.isPresent()) return consent.get();
        Optional<String> upset = send.contact().flatMap(c -> firstSet(c.traits(), rules.empathyTraits()));
        if (upset.isPresent()) return new Verdict.Skip(SkipReason.empathy, "trait " + upset.get() + " is set");
        Optional<Verdict> cap = cap(rules, send);
        if (cap.isPresent()) return cap.get();
        return quietHours(rules, send);
    }

    private static Optional<Verdict> consent(GuardRules rules, SendCheck send) {
        if (send.channel() == Channel.webhook) return Optional.empty(); // the store's own system, not a person
        Optional<Consent> consent = send.contact().flatMap(c -> c.consent(send.channel()));
        if (consent.isPresent() && consent.get() == Consent.unsubscribed) {
            return Optional.of(new Verdict.Skip(SkipReason.consent, send.channel() + " marketing: unsubscribed"));
        }
        if (rules.optInRequired().contains(send.channel()) && consent.orElse(null) != Consent.subscribed) {
            return Optional.of(new Verdict.Skip(SkipReason.consent, send.channel() + " marketing: no opt-in ("
                    + consent.map(Enum::name).orElse("not known") + ")"));
        }
        return Optional.empty();
    }

    private static Optional<Verdict> cap(GuardRules rules, SendCheck send) {
        for (FrequencyCap cap : rules.caps().getOrDefault(send.channel(), List.of())) {
            Instant since = send.now().minus(cap.window());
            long within = send.recentMarketingSends().stream().filter(t -> t.isAfter(since)).count();
            if (within >= cap.max()) {
                return Optional.of(new Verdict.Skip(SkipReason.frequency_cap, send.channel() + " cap " + cap + " reached"));
            }
        }
        return Optional.empty();
    }

    private static Verdict quietHours(GuardRules rules, SendCheck send) {
        QuietHours quiet = rules.quietHours().get(send.channel());
        if (quiet == null) return Verdict.GO;
        ZoneId zone = zone(send.contact().map(Contact::timezone).orElse(null), rules.defaultZone());
        if (!quiet.contains(send.now().atZone(zone).toLocalTime())) return Verdict.GO;
        QuietHoursPolicy policy = send.quietHoursPolicy() != null ? send.quietHoursPolicy() : rules.quietHoursPolicy();
        if (policy == QuietHoursPolicy.skip) {
            return new Verdict.Skip(SkipReason.quiet_hours, send.channel() + " quiet hours " + quiet.start() + "-"
                    + quiet.end() + " in " + zone);
        }
        return new Verdict.Hold(quiet.endsAfter(send.now(), zone), SkipReason.quiet_hours);
    }

    /** The profile's zone; an unknown or malformed one falls back to the default rather than stopping the send. */
    static ZoneId zone(String timezone, ZoneId fallback) {
        if (timezone == null || timezone.isBlank()) return fallback;
        try {
            return ZoneId.of(timezone.trim());
        } catch (DateTimeException e) {
            return fallback;
        }
    }

    private static Optional<String> firstSet(Map<String, Object> traits, List<String> names) {
        return names.stream().filter(n -> isSet(traits.get(n))).min(Comparator.comparingInt(names::indexOf));
    }

    /** A trait is set unless it is absent, null, false, zero or blank. */
    static boolean isSet(Object v) {
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof Number n) return n.doubleValue() != 0;
        String s = v.toString().trim();
        return !(s.isEmpty() || s.equalsIgnoreCase("false") || s.equals("0"));
    }
}
