package crm.ingest.workspace;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class WriteKeyTest {
    @Test
    void a_write_key_is_32_random_bytes_in_url_safe_base64() {
        WriteKey key = WriteKey.generate(new SecureRandom());

        assertThat(key.value()).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(key.value())).hasSize(32);
        assertThat(WriteKey.generate(new SecureRandom()).value()).isNotEqualTo(key.value());
    }

    @Test
    void the_hash_is_lower_case_sha256_hex() {
        assertThat(new WriteKey("abc").hash())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void the_key_never_shows_in_its_string_form() {
        WriteKey key = WriteKey.generate(new SecureRandom());

        assertThat(key.toString()).doesNotContain(key.value());
    }
}
