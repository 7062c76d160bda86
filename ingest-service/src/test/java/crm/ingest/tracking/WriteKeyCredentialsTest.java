package crm.ingest.tracking;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WriteKeyCredentialsTest {
    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_write_key_is_the_basic_auth_username_with_an_empty_password() {
        assertThat(WriteKeyCredentials.fromAuthorization("Basic YWJjMTIzOg==")).contains("abc123");
        assertThat(WriteKeyCredentials.fromAuthorization(basic("key-1:"))).contains("key-1");
    }

    @Test
    void a_password_is_ignored_and_the_scheme_is_case_insensitive() {
        assertThat(WriteKeyCredentials.fromAuthorization(basic("key-1:secret").replace("Basic", "basic"))).contains("key-1");
        assertThat(WriteKeyCredentials.fromAuthorization(basic("key-1"))).contains("key-1");
    }

    @Test
    void no_header_another_scheme_garbage_or_an_empty_username_yield_nothing() {
        assertThat(WriteKeyCredentials.fromAuthorization(null)).isEmpty();
        assertThat(WriteKeyCredentials.fromAuthorization("Bearer abc")).isEmpty();
        assertThat(WriteKeyCredentials.fromAuthorization("Basic !!!not-base64")).isEmpty();
        assertThat(WriteKeyCredentials.fromAuthorization(basic(":password"))).isEmpty();
    }

    @Test
    void the_body_write_key_must_be_a_non_blank_string() {
        assertThat(WriteKeyCredentials.fromBody(Map.of("writeKey", "k"))).contains("k");
        assertThat(WriteKeyCredentials.fromBody(Map.of("writeKey", " "))).isEmpty();
        assertThat(WriteKeyCredentials.fromBody(Map.of("writeKey", 5))).isEmpty();
        assertThat(WriteKeyCredentials.fromBody(Map.of())).isEmpty();
    }

    @Test
    void a_bearer_token_is_read_from_the_authorization_header_whatever_the_scheme_case() {
        assertThat(WriteKeyCredentials.bearerToken("Bearer abc.def.ghi")).contains("abc.def.ghi");
        assertThat(WriteKeyCredentials.bearerToken("bearer  abc ")).contains("abc");
        assertThat(WriteKeyCredentials.bearerToken("Bearer ")).isEmpty();
        assertThat(WriteKeyCredentials.bearerToken(basic("key-1:"))).isEmpty();
        assertThat(WriteKeyCredentials.bearerToken(null)).isEmpty();
        assertThat(WriteKeyCredentials.isBearer("Bearer ")).isTrue();
        assertThat(WriteKeyCredentials.isBearer(basic("key-1:"))).isFalse();
    }
}
