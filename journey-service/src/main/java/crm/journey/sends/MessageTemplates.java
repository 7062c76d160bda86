package crm.journey.sends;

import crm.events.MessageEvent.Channel;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The message templates a send step can name. Each has a subject here and its bodies in
 * {@code src/main/resources/templates/email/<key>.html|.txt} (Qute).
 */
public final class MessageTemplates {
    private static final Map<String, String> SUBJECTS = Map.ofEntries(
            Map.entry("welcome", "Welcome!"),
            // The journey templates' emails (crm.journey.journeys.JourneyTemplates).
            Map.entry("welcome-tips", "Getting the most from your order"),
            Map.entry("welcome-offer", "A little something for you"),
            Map.entry("lost-checkout", "You left something in your cart"),
            Map.entry("lost-checkout-last", "Last chance: your cart is about to expire"),
            Map.entry("win-back", "We miss you"),
            Map.entry("win-back-offer", "Come back for 15% off"),
            Map.entry("post-purchase-tips", "How to enjoy your purchase"),
            Map.entry("post-purchase-story", "The story behind our shop"),
            Map.entry("review-request", "How was your order?"),
            Map.entry("loyalty-thanks", "Thank you for coming back"),
            Map.entry("loyalty-perks", "Your loyalty perks"),
            Map.entry("reorder-reminder", "Time to restock?"),
            Map.entry("reorder-last-call", "Still thinking about it?"),
            Map.entry("browse-reminder", "Still interested?"),
            Map.entry("we-miss-you", "We miss you"),
            Map.entry("re-engagement-offer", "Something to welcome you back"),
            Map.entry("anniversary", "One year together!"),
            Map.entry("referral-invite", "Share the love, get 10 EUR"),
            Map.entry("referral-invite-b", "Your friends deserve this too"),
            Map.entry("referral-reminder", "Your referral reward is waiting"));
    /** SMS templates (templates/sms/<key>.txt): no subject. */
    private static final Set<String> SMS = Set.of("lost-checkout-sms");

    private MessageTemplates() {
    }

    public static Set<String> keys() {
        Set<String> keys = new java.util.HashSet<>(SUBJECTS.keySet());
        keys.addAll(SMS);
        return keys;
    }

    /**
     * The templates each channel can send: email ones have a subject and HTML/text bodies, SMS and WhatsApp share the
     * text bodies of templates/sms. The webhook channel renders nothing, so it has no entry (any key is a name).
     */
    public static Map<Channel, Set<String>> byChannel() {
        return Map.of(Channel.email, SUBJECTS.keySet(), Channel.sms, SMS, Channel.whatsapp, SMS);
    }

    public static Optional<String> subject(String key) {
        return Optional.ofNullable(SUBJECTS.get(key));
    }

    /** The customer's first name to greet them with, when the profile knows it. */
    public static Optional<String> firstName(Map<String, Object> variables) {
        Object name = variables.get("first_name");
        if (name == null) name = variables.get("firstName");
        if (name == null) return Optional.empty();
        String s = name.toString().trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
