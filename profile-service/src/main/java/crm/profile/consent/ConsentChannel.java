package crm.profile.consent;

import java.util.Locale;
import java.util.Optional;

/** The channels a customer consents to be contacted on. */
public enum ConsentChannel {
    email, sms, whatsapp;

    public static Optional<ConsentChannel> of(String name) {
        if (name == null) return Optional.empty();
        try {
            return Optional.of(valueOf(name.trim().toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
