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
        assertThat(ProfileResource.identityAsked(" Jane@Example.com ", "u1", null))
                .isEqualTo(new Identity(IdentityKind.EMAIL, "jane@example.com"));
    }

    @Test
    void user_id_then_anonymous_id_when_no_email() {
        assertThat(ProfileResource.identityAsked(" ", "u1", "a1")).isEqualTo(new Identity(IdentityKind.USER_ID, "u1"));
        assertThat(ProfileResource.identityAsked(null, null, "a1")).isEqualTo(new Identity(IdentityKind.ANONYMOUS_ID, "a1"));
    }

    @Test
    void no_identifier_is_a_bad_request_naming_the_parameter() {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> ProfileResource.identityAsked(null, "", null));

        assertThat(e.toResponse().getStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("email");
    }
}
