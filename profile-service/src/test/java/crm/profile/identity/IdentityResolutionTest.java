package crm.profile.identity;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityResolutionTest {
    static final Identity EMAIL = new Identity(IdentityKind.EMAIL, "jane@example.com");
    static final Identity USER = new Identity(IdentityKind.USER_ID, "u1");
    static final Identity ANON = new Identity(IdentityKind.ANONYMOUS_ID, "a1");

    static CustomerEvent event(EventType type, Identities ids, Map<String, Object> traits) {
        return new CustomerEvent("e1", "ws", type, null, ids, traits, null, null, Instant.EPOCH, Instant.EPOCH, "api", null);
    }

    @Test
    void identities_come_strongest_first_with_the_email_normalised() {
        CustomerEvent e = event(EventType.TRACK, Identities.of("u1", "a1", " Jane@Example.com"), null);

        assertThat(IdentityResolution.identitiesOf(e, "US")).containsExactly(EMAIL, USER, ANON);
    }

    @Test
    void every_identifier_of_the_event_is_an_identity_with_the_phone_in_e164() {
        Identities all = new Identities("u1", "a1", "jane@example.com", "(201) 555-0123", "shop-7", "woo-9", "chk-1", "cart-1", null);

        assertThat(IdentityResolution.identitiesOf(event(EventType.TRACK, all, null), "US")).containsExactly(
                EMAIL, new Identity(IdentityKind.PHONE, "+12015550123"), USER,
                new Identity(IdentityKind.SHOPIFY_CUSTOMER_ID, "shop-7"), new Identity(IdentityKind.WOOCOMMERCE_CUSTOMER_ID, "woo-9"),
                ANON, new Identity(IdentityKind.CHECKOUT_TOKEN, "chk-1"), new Identity(IdentityKind.CART_TOKEN, "cart-1"));
    }

    @Test
    void an_identify_naming_its_email_or_phone_only_in_traits_is_found_by_them() {
        CustomerEvent e = event(EventType.IDENTIFY, Identities.of(null, "a1", null), Map.of("email", "JANE@example.com", "phone", "+33 6 12 34 56 78"));

        assertThat(IdentityResolution.identitiesOf(e, "US")).containsExactly(EMAIL, new Identity(IdentityKind.PHONE, "+33612345678"), ANON);
    }

    @Test
    void a_phone_that_cannot_be_read_is_no_identity() {
        Identities ids = new Identities(null, null, null, "call me", null, null, null, null, null);

        assertThat(IdentityResolution.identitiesOf(event(EventType.TRACK, ids, null), "US")).isEmpty();
    }

    @Test
    void the_distinct_profiles_named_come_strongest_identity_first() {
        UUID byEmail = UUID.randomUUID();
        UUID byAnon = UUID.randomUUID();

        assertThat(IdentityResolution.profilesNamed(List.of(EMAIL, USER, ANON), Map.of(EMAIL, byEmail, USER, byEmail, ANON, byAnon)))
                .containsExactly(byEmail, byAnon);
        assertThat(IdentityResolution.profilesNamed(List.of(EMAIL), Map.of())).isEmpty();
    }

    @Test
    void the_oldest_profile_survives_a_merge_ties_broken_by_id() {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        var older = new IdentityResolution.Candidate(UUID.fromString("ffffffff-0000-0000-0000-000000000000"), t);
        var newer = new IdentityResolution.Candidate(UUID.fromString("00000000-0000-0000-0000-000000000001"), t.plusSeconds(1));
        var twin = new IdentityResolution.Candidate(UUID.fromString("00000000-0000-0000-0000-000000000002"), t);

        assertThat(IdentityResolution.survivor(List.of(newer, older))).isEqualTo(older);
        assertThat(IdentityResolution.survivor(List.of(older, twin))).isEqualTo(twin);
    }

    @Test
    void only_identities_not_known_yet_are_attached() {
        assertThat(IdentityResolution.unknown(List.of(EMAIL, USER, ANON), Map.of(ANON, UUID.randomUUID())))
                .containsExactly(EMAIL, USER);
    }

    @Test
    void a_declared_profile_id_counts_only_when_well_formed() {
        UUID id = UUID.randomUUID();
        Identities declared = new Identities(null, null, null, null, null, null, null, null, id.toString());
        Identities malformed = new Identities(null, null, null, null, null, null, null, null, "not-a-uuid");

        assertThat(IdentityResolution.declaredProfileId(event(EventType.TRACK, declared, null))).contains(id);
        assertThat(IdentityResolution.declaredProfileId(event(EventType.TRACK, malformed, null))).isEmpty();
    }
}
