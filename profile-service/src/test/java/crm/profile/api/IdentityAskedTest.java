package crm.profile.api;

import crm.profile.identity.Identity;
import crm.profile.identity.IdentityKind;
import crm.web.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IdentityAskedTest {

    @Test
    void email_is_looked_up_normalised_and_first() {
        assertThat(ProfileResource.identityAsked(" Jane@Example.com ", "+1 201 555 0123", "u1", null, "US"))
                .isEqualTo(new Identity(IdentityKind.EMAIL, "jane@example.com"));
    }

    @Test
    void user_id_then_anonymous_id_when_no_email() {
        assertThat(ProfileResource.identityAsked(" ", null, "u1", "a1", "US")).isEqualTo(new Identity(IdentityKind.USER_ID, "u1"));
        assertThat(ProfileResource.identityAsked(null, null, null, "a1", "US")).isEqualTo(new Identity(IdentityKind.ANONYMOUS_ID, "a1"));
    }

    @Test
    void no_identifier_is_a_bad_request_naming_the_parameter() {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> ProfileResource.identityAsked(null, null, "", null, "US"));

        assertThat(e.toResponse().getStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("email");
    }

    @Test
    void phone_is_looked_up_in_e164_and_an_unreadable_one_is_a_bad_request() {
        assertThat(ProfileResource.identityAsked(null, "(201) 555-0123", "u1", null, "US"))
                .isEqualTo(new Identity(IdentityKind.PHONE, "+12015550123"));
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> ProfileResource.identityAsked(null, "call me", null, null, "US"));
        assertThat(e.toResponse().getStatus()).isEqualTo(400);
    }
}
