package crm.profile.identity;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which profile an event is about, from the identities it carries. Pure: the caller looks up which of them are
 * already known and passes them in.
 *
 * <p>When the identities point to two different profiles, the one found by email wins, else by userId, else by
 * anonymousId. The others are left where they are: merging profiles is a later, explicit step.
 */
public final class IdentityResolution {
    private IdentityResolution() {
    }

    /** The identities of an event, strongest first: email, userId, anonymousId. */
    public static List<Identity> identitiesOf(CustomerEvent event) {
        Identities ids = event.identities();
        List<Identity> out = new ArrayList<>(3);
        String email = ids.email();
        // An identify that only carries the email among its traits still names the customer by it.
        if (email == null && event.type() == EventType.IDENTIFY && event.traits().get("email") instanceof String e) {
            email = Identities.normaliseEmail(e);
        }
        if (email != null) out.add(new Identity(IdentityKind.EMAIL, email));
        if (ids.userId() != null) out.add(new Identity(IdentityKind.USER_ID, ids.userId()));
        if (ids.anonymousId() != null) out.add(new Identity(IdentityKind.ANONYMOUS_ID, ids.anonymousId()));
        return out;
    }

    /** The profile id the suite's own producers set (journey sends), when it is a well-formed id. */
    public static Optional<UUID> declaredProfileId(CustomerEvent event) {
        String id = event.identities().profileId();
        if (id == null) return Optional.empty();
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The known profile of the strongest identity, if any identity is known. */
    public static Optional<UUID> choose(List<Identity> identities, Map<Identity, UUID> known) {
        return identities.stream().map(known::get).filter(p -> p != null).findFirst();
    }

    /** The identities to attach to the chosen profile: those not known yet. */
    public static List<Identity> unknown(List<Identity> identities, Map<Identity, UUID> known) {
        return identities.stream().filter(i -> !known.containsKey(i)).toList();
    }
}
