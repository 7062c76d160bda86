package crm.journey.sends;

import java.util.Optional;

/** Decides, before any provider is called, whether a claimed send goes out at all. */
public final class Delivery {
    private Delivery() {
    }

    /** Why the send is skipped, or empty when it goes out. Consent, frequency caps and quiet hours join here. */
    public static Optional<String> skipReason(ClaimedSend send) {
        if (send.recipient() == null || send.recipient().isBlank()) {
            return Optional.of("no " + switch (send.channel()) {
                case email -> "email address";
                case sms, whatsapp -> "phone number";
                case webhook -> "webhook address";
            } + " in the profile");
        }
        return Optional.empty();
    }
}
