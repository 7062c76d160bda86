package crm.journey.contacts;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A profile's consent for one channel, as profile-service publishes it in the profile's traits. */
public enum Consent {
    subscribed, unsubscribed, never_asked;

    /**
     * The consent for {@code channel} in a profile's traits: {@code consent_<channel>} (a status string, or an object
     * with {@code status} or {@code state}), else {@code <channel>_consent} in the same forms (the Shopify mapping's
     * shape: {@code {state: "subscribed", opt_in_level: ...}}). Unknown values read as not known.
     */
    public static Optional<Consent> fromTraits(Map<String, Object> traits, String channel) {
        if (traits == null) return Optional.empty();
        Optional<Consent> c = parse(traits.get("consent_" + channel));
        return c.isPresent() ? c : parse(traits.get(channel + "_consent"));
    }

    static Optional<Consent> parse(Object value) {
        if (value instanceof Map<?, ?> m) {
            Object status = m.get("status");
            return parse(status != null ? status : m.get("state"));
        }
        if (value instanceof Boolean b) return Optional.of(b ? subscribed : unsubscribed);
        if (value == null) return Optional.empty();
        return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
            case "subscribed", "opted_in", "confirmed_opt_in", "single_opt_in" -> Optional.of(subscribed);
            // Shopify: "unsubscribed", "redacted"; "not_subscribed" was never asked for or declined.
            case "unsubscribed", "redacted", "opted_out" -> Optional.of(unsubscribed);
            case "never_asked", "not_subscribed", "pending" -> Optional.of(never_asked);
            default -> Optional.empty();
        };
    }
}
