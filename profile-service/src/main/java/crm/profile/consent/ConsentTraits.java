package crm.profile.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Consent statements carried by identify traits (names already snake_case). Accepted, per channel C in email, sms,
 * whatsapp:
 * <ul>
 *   <li>{@code C_consent}: a status word ({@code "subscribed"}) or an object with {@code state} or {@code status}
 *       ({@code {"state": "unsubscribed"}}), as the Shopify and Twilio webhook mappings send it;</li>
 *   <li>{@code C_marketing_consent}: Shopify's customer object ({@code {"state": "subscribed", "opt_in_level": ...}});</li>
 *   <li>{@code accepts_C_marketing}: a boolean; and {@code accepts_marketing} (Shopify's legacy boolean) for email.</li>
 * </ul>
 * These traits are consent, not profile traits: they are not stored among the traits.
 */
public final class ConsentTraits {
    private ConsentTraits() {
    }

    public record Statement(ConsentChannel channel, ConsentStatus status) {
    }

    public static boolean isConsentTrait(String name) {
        if (name.equals("accepts_marketing")) return true;
        for (ConsentChannel c : ConsentChannel.values()) {
            if (names(c).contains(name)) return true;
        }
        return false;
    }

    public static List<Statement> statements(Map<String, Object> snakeCaseTraits) {
        List<Statement> out = new ArrayList<>();
        for (ConsentChannel c : ConsentChannel.values()) {
            Optional<ConsentStatus> status = Optional.empty();
            for (String name : names(c)) {
                if (status.isEmpty() && snakeCaseTraits.containsKey(name)) status = statusOf(snakeCaseTraits.get(name));
            }
            if (status.isEmpty() && c == ConsentChannel.email && snakeCaseTraits.containsKey("accepts_marketing")) {
                status = statusOf(snakeCaseTraits.get("accepts_marketing"));
            }
            status.ifPresent(s -> out.add(new Statement(c, s)));
        }
        return out;
    }

    private static Set<String> names(ConsentChannel c) {
        return Set.of(c + "_consent", c + "_marketing_consent", "accepts_" + c + "_marketing");
    }

    private static Optional<ConsentStatus> statusOf(Object value) {
        if (value instanceof Map<?, ?> m) {
            Object word = m.containsKey("state") ? m.get("state") : m.get("status");
            return ConsentStatus.ofWord(word);
        }
        return ConsentStatus.ofWord(value);
    }
}
