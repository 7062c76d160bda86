package crm.profile.identity;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which profiles an event is about, from the identities it carries. Pure: the caller looks up which of them are
 * already known and passes them in.
 *
 * <p>When the identities point to two or more profiles, those profiles are one customer and get merged: the oldest
 * profile survives (it is the one segments and journeys have known longest), ties broken by id so every replica and
 * every replay choose the same.
 */
public final class IdentityResolution {
    private IdentityResolution() {
    }

    /** A profile found for an event, with what decides which one survives a merge. */
    public record Candidate(UUID id, Instant createdAt) {
    }

    /**
     * The identities of an event, strongest first (the order of {@link IdentityKind}); the phone in E.164 read with
     * {@code phoneRegion} for numbers without a country code (a number that cannot be read is no identity).
     */
    public static List<Identity> identitiesOf(CustomerEvent event, String phoneRegion) {
        Identities ids = event.identities();
        List<Identity> out = new ArrayList<>(4);
        String email = ids.email();
        String phone = ids.phone();
        // An identify that only carries the email or phone among its traits still names the customer by it.
        if (event.type() == EventType.IDENTIFY) {
            if (email == null && event.traits().get("email") instanceof String e) email = Identities.normaliseEmail(e);
            if (phone == null && event.traits().get("phone") instanceof String p) phone = p;
        }
        add(out, IdentityKind.EMAIL, email);
        if (phone != null) PhoneNumbers.e164(phone, phoneRegion).ifPresent(p -> out.add(new Identity(IdentityKind.PHONE, p)));
        add(out, IdentityKind.USER_ID, ids.userId());
        add(out, IdentityKind.SHOPIFY_CUSTOMER_ID, ids.shopifyCustomerId());
        add(out, IdentityKind.WOOCOMMERCE_CUSTOMER_ID, ids.woocommerceCustomerId());
        add(out, IdentityKind.ANONYMOUS_ID, ids.anonymousId());
        add(out, IdentityKind.CHECKOUT_TOKEN, ids.checkoutToken());
        add(out, IdentityKind.CART_TOKEN, ids.cartToken());
        return out;
    }

    private static void add(List<Identity> out, IdentityKind kind, String value) {
        if (value != null && !value.isBlank()) out.add(new Identity(kind, value.trim()));
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

    /** The distinct known profiles the identities point to, strongest identity first. */
    public static List<UUID> profilesNamed(List<Identity> identities, Map<Identity, UUID> known) {
        LinkedHashSet<UUID> out = new LinkedHashSet<>();
        for (Identity i : identities) {
            UUID p = known.get(i);
            if (p != null) out.add(p);
        }
        return List.copyOf(out);
    }

    /** The profile that survives a merge of the candidates: the oldest, ties broken by id. */
    public static Candidate survivor(List<Candidate> candidates) {
        return candidates.stream()
                .min(Comparator.comparing(Candidate::createdAt).thenComparing(c -> c.id().toString()))
                .orElseThrow(() -> new IllegalArgumentException("no profile to merge"));
    }

    /** The identities to attach to the chosen profile: those not known yet. */
    public static List<Identity> unknown(List<Identity> identities, Map<Identity, UUID> known) {
        return identities.stream().filter(i -> !known.containsKey(i)).toList();
    }
}
