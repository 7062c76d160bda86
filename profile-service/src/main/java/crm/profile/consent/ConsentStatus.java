package crm.profile.consent;

import java.util.Locale;
import java.util.Optional;

/** Where a customer stands on one channel; {@code never_asked} until a source says otherwise. */
public enum ConsentStatus {
    subscribed, unsubscribed, never_asked;

    /**
     * The status a source's word means. Shopify's states ({@code subscribed}, {@code not_subscribed},
     * {@code unsubscribed}, {@code redacted}, {@code invalid}, {@code pending}), booleans and common synonyms;
     * {@code pending} (double opt-in not confirmed yet) and unknown words mean no change.
     */
    public static Optional<ConsentStatus> ofWord(Object word) {
        if (word instanceof Boolean b) return Optional.of(b ? subscribed : unsubscribed);
        if (word == null) return Optional.empty();
        return switch (word.toString().trim().toLowerCase(Locale.ROOT)) {
            case "subscribed", "opted_in", "opt_in", "confirmed_opt_in", "confirmed", "true", "yes" -> Optional.of(subscribed);
            case "unsubscribed", "not_subscribed", "opted_out", "opt_out", "redacted", "invalid", "false", "no", "stop" ->
                    Optional.of(unsubscribed);
            case "never_asked" -> Optional.of(never_asked);
            default -> Optional.empty();
        };
    }
}
