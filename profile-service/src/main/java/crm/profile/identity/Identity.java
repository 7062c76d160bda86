package crm.profile.identity;

import java.util.Objects;

/** One identifier of a customer within a workspace, normalised (emails trimmed and lower-cased). */
public record Identity(IdentityKind kind, String value) {
    public Identity {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }
}
