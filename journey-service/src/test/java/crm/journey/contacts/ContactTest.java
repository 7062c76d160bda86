package crm.journey.contacts;

import crm.events.MessageEvent.Channel;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContactTest {
    @Test
    void consent_reads_the_status_string_and_the_shopify_object_forms() {
        assertThat(Consent.fromTraits(Map.of("consent_email", "subscribed"), "email")).contains(Consent.subscribed);
        assertThat(Consent.fromTraits(Map.of("consent_sms", Map.of("status", "unsubscribed")), "sms")).contains(Consent.unsubscribed);
        assertThat(Consent.fromTraits(Map.of("email_consent", Map.of("state", "subscribed", "opt_in_level", "single_opt_in")), "email"))
                .contains(Consent.subscribed);
        assertThat(Consent.fromTraits(Map.of("sms_consent", Map.of("state", "not_subscribed")), "sms")).contains(Consent.never_asked);
        assertThat(Consent.fromTraits(Map.of("consent_whatsapp", "never_asked"), "whatsapp")).contains(Consent.never_asked);
        assertThat(Consent.fromTraits(Map.of("consent_email", "maybe"), "email")).isEmpty();
        assertThat(Consent.fromTraits(Map.of(), "email")).isEmpty();
    }

    @Test
    void a_snapshot_gives_addresses_zone_and_consents() {
        Contact c = Contact.fromSnapshot("ws", "p", 3, Map.of("email", " Ada@Example.com ", "phone", "+33612345678",
                "timezone", "Europe/Paris", "consent_email", "subscribed", "consent_sms", "unsubscribed"));
        assertThat(c.address(Channel.email)).contains("ada@example.com");
        assertThat(c.address(Channel.sms)).contains("+33612345678");
        assertThat(c.address(Channel.webhook)).isEmpty();
        assertThat(c.timezone()).isEqualTo("Europe/Paris");
        assertThat(c.consent(Channel.email)).contains(Consent.subscribed);
        assertThat(c.consent(Channel.sms)).contains(Consent.unsubscribed);
        assertThat(c.consent(Channel.whatsapp)).isEmpty();
    }

    @Test
    void an_unsubscribe_link_names_exactly_one_profile_and_cannot_be_forged() {
        byte[] key = "k1".getBytes();
        UnsubscribeToken t = new UnsubscribeToken("ws-1", "p-1", Channel.email, "run:step");
        String signed = t.sign(key);
        assertThat(UnsubscribeToken.verify(signed, key)).contains(t);
        assertThat(UnsubscribeToken.verify(signed, "k2".getBytes())).isEmpty();
        String otherProfile = new UnsubscribeToken("ws-1", "p-2", Channel.email, "run:step").sign(key);
        String spliced = otherProfile.substring(0, otherProfile.indexOf('.')) + signed.substring(signed.indexOf('.'));
        assertThat(UnsubscribeToken.verify(spliced, key)).isEmpty();
        assertThat(UnsubscribeToken.verify("garbage", key)).isEmpty();
        assertThat(UnsubscribeToken.verify("a.b.c", key)).isEmpty();
        assertThat(UnsubscribeToken.verify("!!.??", key)).isEmpty();
        assertThat(signed).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }
}
