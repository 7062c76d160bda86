package crm.profile.identity;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;
import org.junit.jupiter.api.Test;

import java.time.Instant;
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

        assertThat(IdentityResolution.identitiesOf(e)).containsExactly(EMAIL, USER, ANON);
    }

    @Test
    void an_identify_naming_its_email_only_in_traits_is_found_by_it() {
        CustomerEvent e = event(EventType.IDENTIFY, Identities.of(null, "a1", null), Map.of("email", "JANE@example.com"));

        assertThat(IdentityResolution.identitiesOf(e)).containsExactly(EMAIL, ANON);
    }

    @Test
    void email_wins_over_user_id_and_anonymous_id_when_they_disagree() {
        UUID byEmail = UUID.randomUUID();
        UUID byUser = UUID.randomUUID();
        UUID byAnon = UUID.randomUUID();
        var all = java.util.List.of(EMAIL, USER, ANON);

        assertThat(IdentityResolution.choose(all, Map.of(EMAIL, byEmail, USER, byUser, ANON, byAnon))).contains(byEmail);
        assertThat(IdentityResolution.choose(all, Map.of(USER, byUser, ANON, byAnon))).contains(byUser);
        assertThat(IdentityResolution.choose(all, Map.of(ANON, byAnon))).contains(byAnon);
        assertThat(IdentityResolution.choose(all, Map.of())).isEmpty();
    }

    @Test
    void only_identities_not_known_yet_are_attached() {
        assertThat(IdentityResolution.unknown(java.util.List.of(EMAIL, USER, ANON), Map.of(ANON, UUID.randomUUID())))
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
