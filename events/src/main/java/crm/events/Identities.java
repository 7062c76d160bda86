package crm.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.Locale;

/**
 * Every identifier an event may carry for the customer it is about. Any subset may be null;
 * profile-service resolves them to one profile.
 *
 * @param profileId set only by the suite's own producers (journey sends), which already know the profile
 */
public record Identities(
        String userId,
        String anonymousId,
        String email,
        String phone,
        String shopifyCustomerId,
        String woocommerceCustomerId,
        String checkoutToken,
        String cartToken,
        String profileId) {

    public Identities {
        userId = blankToNull(userId);
        anonymousId = blankToNull(anonymousId);
        email = normaliseEmail(email);
        phone = blankToNull(phone);
        shopifyCustomerId = blankToNull(shopifyCustomerId);
        woocommerceCustomerId = blankToNull(woocommerceCustomerId);
        checkoutToken = blankToNull(checkoutToken);
        cartToken = blankToNull(cartToken);
        profileId = blankToNull(profileId);
    }

    public static Identities of(String userId, String anonymousId, String email) {
        return new Identities(userId, anonymousId, email, null, null, null, null, null, null);
    }

    /** Emails are compared trimmed and lower-cased everywhere in the suite. */
    public static String normaliseEmail(String email) {
        String e = blankToNull(email);
        return e == null ? null : e.toLowerCase(Locale.ROOT);
    }

    /** The identity that best names the customer, used for partitioning: email, else userId, else anonymousId. */
    public String best() {
        if (profileId != null) return "p:" + profileId;
        if (email != null) return "e:" + email;
        if (userId != null) return "u:" + userId;
        if (anonymousId != null) return "a:" + anonymousId;
        if (phone != null) return "t:" + phone;
        if (shopifyCustomerId != null) return "s:" + shopifyCustomerId;
        if (woocommerceCustomerId != null) return "w:" + woocommerceCustomerId;
        if (checkoutToken != null) return "c:" + checkoutToken;
        return cartToken == null ? "" : "k:" + cartToken;
    }

    @JsonIgnore
    public boolean isEmpty() {
        return best().isEmpty();
    }

    private static String blankToNull(String s) {
        if (s == null) return null;
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }
}
