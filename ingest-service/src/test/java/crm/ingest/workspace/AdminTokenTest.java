package crm.ingest.workspace;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AdminTokenTest {
    private final AdminToken token = AdminToken.of(Optional.of("s3cret"));

    @Test
    void the_configured_token_as_bearer_is_admitted() {
        assertThat(token.admits("Bearer s3cret")).isTrue();
        assertThat(token.admits("bearer s3cret")).isTrue();
    }

    @Test
    void a_wrong_or_partial_or_longer_token_is_refused() {
        assertThat(token.admits("Bearer s3cre")).isFalse();
        assertThat(token.admits("Bearer s3cret2")).isFalse();
        assertThat(token.admits("Bearer S3CRET")).isFalse();
        assertThat(token.admits("Bearer ")).isFalse();
    }

    @Test
    void a_missing_header_or_another_scheme_is_refused() {
        assertThat(token.admits(null)).isFalse();
        assertThat(token.admits("s3cret")).isFalse();
        assertThat(token.admits("Basic s3cret")).isFalse();
    }

    @Test
    void without_a_configured_token_nothing_is_admitted() {
        assertThat(AdminToken.of(Optional.empty()).admits("Bearer ")).isFalse();
        assertThat(AdminToken.of(Optional.empty()).admits("Bearer anything")).isFalse();
        assertThat(AdminToken.of(Optional.of("  ")).admits("Bearer   ")).isFalse();
    }
}
