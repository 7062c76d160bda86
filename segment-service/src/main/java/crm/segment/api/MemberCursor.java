package crm.segment.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The opaque cursor of member pages: the last profile id of a page, base64url-encoded so clients do not parse it. */
final class MemberCursor {
    private MemberCursor() {
    }

    static String after(String profileId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(profileId.getBytes(StandardCharsets.UTF_8));
    }

    /** The profile id the cursor points after; empty when it is not a cursor this service wrote. */
    static Optional<String> profileId(String cursor) {
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return id.isEmpty() || !after(id).equals(cursor) ? Optional.empty() : Optional.of(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
