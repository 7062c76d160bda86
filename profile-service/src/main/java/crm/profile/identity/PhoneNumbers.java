package crm.profile.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.Locale;
import java.util.Optional;

/** Phone numbers in E.164 ("+33612345678"), the one form the identity graph and the traits keep. */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * The number in E.164, reading a number without a country code as one of {@code defaultRegion} (ISO 3166 code,
     * e.g. "US"); empty when it is not a possible phone number.
     */
    public static Optional<String> e164(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) return Optional.empty();
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(raw.trim(), defaultRegion == null ? "ZZ" : defaultRegion.toUpperCase(Locale.ROOT));
            if (!UTIL.isPossibleNumber(number)) return Optional.empty();
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
