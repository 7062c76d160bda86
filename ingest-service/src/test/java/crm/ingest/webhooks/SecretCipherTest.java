package crm.ingest.webhooks;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {
    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    @Test
    void a_secret_is_sealed_unreadably_and_opens_for_its_workspace_and_provider() {
        SecretCipher cipher = SecretCipher.of(KEY);
        byte[] sealed = cipher.encrypt("shpss_very-secret", "ws-1", "shopify");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("very-secret");
        assertThat(cipher.encrypt("shpss_very-secret", "ws-1", "shopify")).isNotEqualTo(sealed);
        assertThat(cipher.decrypt(sealed, "ws-1", "shopify")).isEqualTo("shpss_very-secret");
    }

    @Test
    void a_sealed_secret_does_not_open_elsewhere_or_with_another_key_or_tampered() {
        SecretCipher cipher = SecretCipher.of(KEY);
        byte[] sealed = cipher.encrypt("s", "ws-1", "shopify");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "ws-2", "shopify")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt(sealed, "ws-1", "twilio")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretCipher.of(OTHER_KEY).decrypt(sealed, "ws-1", "shopify"))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(tampered, "ws-1", "shopify")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt(new byte[3], "ws-1", "shopify")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_key_must_be_base64_of_32_bytes_and_is_never_printed() {
        assertThatThrownBy(() -> SecretCipher.of("c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SecretCipher.of("not base64!")).hasMessageContaining("base64");
        assertThat(SecretCipher.of(KEY).toString()).doesNotContain(KEY);
    }

    @Test
    void secrets_are_checked_per_provider_before_they_are_stored() {
        assertThat(WebhookSecretFormat.problem(WebhookProvider.shopify, "")).isPresent();
        assertThat(WebhookSecretFormat.problem(WebhookProvider.shopify, " padded ")).isPresent();
        assertThat(WebhookSecretFormat.problem(WebhookProvider.shopify, "x".repeat(1025))).isPresent();
        assertThat(WebhookSecretFormat.problem(WebhookProvider.twilio, "12345")).isEmpty();
        assertThat(WebhookSecretFormat.problem(WebhookProvider.sendgrid, "12345")).isPresent();
    }
}
