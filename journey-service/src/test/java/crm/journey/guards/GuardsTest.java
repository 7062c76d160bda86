package crm.journey.guards;

import crm.events.MessageEvent.Channel;
import crm.journey.contacts.Consent;
import crm.journey.contacts.Contact;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GuardsTest {
    static final GuardRules RULES = new GuardRules(Set.of(Channel.sms, Channel.whatsapp),
            Map.of(Channel.email, FrequencyCap.parseAll("1/24h,3/7d"), Channel.sms, FrequencyCap.parseAll("1/24h")),
            Map.of(Channel.sms, QuietHours.parse("21:00-09:00")), List.of("negative_sentiment"), ZoneId.of("UTC"),
            QuietHoursPolicy.hold);
    /** 12:00 UTC: outside quiet hours in UTC. */
    static final Instant NOON = Instant.parse("2026-03-10T12:00:00Z");

    static Contact contact(Map<String, Object> traits) {
        return Contact.fromSnapshot("ws", "p-1", 1, traits);
    }

    static SendCheck email(Optional<Contact> contact, List<Instant> recent) {
        return new SendCheck(Channel.email, MessageKind.marketing, "a@b.c", contact, Optional.empty(), recent, null, NOON);
    }

    static SendCheck sms(Contact contact, Instant now, QuietHoursPolicy policy) {
        return new SendCheck(Channel.sms, MessageKind.marketing, "+33612345678", Optional.of(contact), Optional.empty(),
                List.of(), policy, now);
    }

    @Test
    void a_marketing_email_to_a_profile_with_no_known_consent_goes() {
        assertThat(Guards.check(RULES, email(Optional.empty(), List.of()))).isEqualTo(Verdict.GO);
        assertThat(Guards.check(RULES, email(Optional.of(contact(Map.of("consent_email", "never_asked"))), List.of()))).isEqualTo(Verdict.GO);
    }

    @Test
    void an_unsubscribed_profile_gets_no_marketing_but_still_its_receipts() {
        Optional<Contact> out = Optional.of(contact(Map.of("consent_email", "unsubscribed")));
        assertThat(Guards.check(RULES, email(out, List.of())))
                .isEqualTo(new Verdict.Skip(SkipReason.consent, "email marketing: unsubscribed"));
        SendCheck receipt = new SendCheck(Channel.email, MessageKind.transactional, "a@b.c", out, Optional.empty(), List.of(), null, NOON);
        assertThat(Guards.check(RULES, receipt)).isEqualTo(Verdict.GO);
    }

    @Test
    void sms_marketing_needs_an_opt_in() {
        assertThat(Guards.check(RULES, sms(contact(Map.of()), NOON, null)))
                .isEqualTo(new Verdict.Skip(SkipReason.consent, "sms marketing: no opt-in (not known)"));
        assertThat(Guards.check(RULES, sms(contact(Map.of("consent_sms", "never_asked")), NOON, null)))
                .isInstanceOf(Verdict.Skip.class);
        assertThat(Guards.check(RULES, sms(contact(Map.of("consent_sms", "subscribed")), NOON, null))).isEqualTo(Verdict.GO);
    }

    @Test
    void a_suppressed_address_gets_nothing_not_even_receipts() {
        SendCheck receipt = new SendCheck(Channel.email, MessageKind.transactional, "a@b.c", Optional.empty(),
                Optional.of("hard_bounce"), List.of(), null, NOON);
        assertThat(Guards.check(RULES, receipt)).isEqualTo(new Verdict.Skip(SkipReason.suppressed, "address suppressed: hard_bounce"));
    }

    @Test
    void no_address_is_skipped_first() {
        SendCheck none = new SendCheck(Channel.sms, MessageKind.marketing, null, Optional.empty(), Optional.of("x"), List.of(), null, NOON);
        assertThat(Guards.check(RULES, none)).isEqualTo(new Verdict.Skip(SkipReason.no_address, "no phone number in the profile"));
        SendCheck blank = new SendCheck(Channel.email, MessageKind.marketing, " ", Optional.empty(), Optional.empty(), List.of(), null, NOON);
        assertThat(Guards.check(RULES, blank)).isEqualTo(new Verdict.Skip(SkipReason.no_address, "no email address in the profile"));
    }

    @Test
    void one_marketing_email_per_day_and_three_per_week() {
        assertThat(Guards.check(RULES, email(Optional.empty(), List.of(NOON.minus(Duration.ofHours(23))))))
                .isEqualTo(new Verdict.Skip(SkipReason.frequency_cap, "email cap 1 per 24h reached"));
        assertThat(Guards.check(RULES, email(Optional.empty(), List.of(NOON.minus(Duration.ofHours(25))))))
                .isEqualTo(Verdict.GO);
        List<Instant> threeThisWeek = List.of(NOON.minus(Duration.ofDays(2)), NOON.minus(Duration.ofDays(4)), NOON.minus(Duration.ofDays(6)));
        assertThat(Guards.check(RULES, email(Optional.empty(), threeThisWeek)))
                .isEqualTo(new Verdict.Skip(SkipReason.frequency_cap, "email cap 3 per 168h reached"));
        List<Instant> oneOld = List.of(NOON.minus(Duration.ofDays(2)), NOON.minus(Duration.ofDays(4)), NOON.minus(Duration.ofDays(8)));
        assertThat(Guards.check(RULES, email(Optional.empty(), oneOld))).isEqualTo(Verdict.GO);
    }

    @Test
    void an_sms_due_at_night_in_the_profiles_zone_waits_until_nine_local() {
        Contact paris = contact(Map.of("consent_sms", "subscribed", "timezone", "Europe/Paris"));
        // 21:30 UTC is 22:30 in Paris (winter): quiet; it goes at 09:00 Paris, 08:00 UTC the next day.
        Verdict v = Guards.check(RULES, sms(paris, Instant.parse("2026-01-15T21:30:00Z"), null));
        assertThat(v).isEqualTo(new Verdict.Hold(Instant.parse("2026-01-16T08:00:00Z"), SkipReason.quiet_hours));
        // 07:30 UTC is 08:30 in Paris: quiet until 09:00 the same morning.
        assertThat(Guards.check(RULES, sms(paris, Instant.parse("2026-01-16T07:30:00Z"), null)))
                .isEqualTo(new Verdict.Hold(Instant.parse("2026-01-16T08:00:00Z"), SkipReason.quiet_hours));
        // 12:00 UTC is 13:00 in Paris: goes.
        assertThat(Guards.check(RULES, sms(paris, NOON, null))).isEqualTo(Verdict.GO);
    }

    @Test
    void a_step_that_skips_in_quiet_hours_skips() {
        Contact tokyo = contact(Map.of("consent_sms", "subscribed", "timezone", "Asia/Tokyo"));
        // 13:00 UTC is 22:00 in Tokyo.
        Verdict v = Guards.check(RULES, sms(tokyo, Instant.parse("2026-03-10T13:00:00Z"), QuietHoursPolicy.skip));
        assertThat(v).isEqualTo(new Verdict.Skip(SkipReason.quiet_hours, "sms quiet hours 21:00-09:00 in Asia/Tokyo"));
    }

    @Test
    void a_malformed_timezone_falls_back_to_the_default() {
        Contact nowhere = contact(Map.of("consent_sms", "subscribed", "timezone", "Mars/Olympus"));
        assertThat(Guards.check(RULES, sms(nowhere, Instant.parse("2026-03-10T22:00:00Z"), null)))
                .isEqualTo(new Verdict.Hold(Instant.parse("2026-03-11T09:00:00Z"), SkipReason.quiet_hours));
    }

    @Test
    void marketing_waits_while_the_customer_is_upset() {
        assertThat(Guards.check(RULES, email(Optional.of(contact(Map.of("negative_sentiment", true))), List.of())))
                .isEqualTo(new Verdict.Skip(SkipReason.empathy, "trait negative_sentiment is set"));
        assertThat(Guards.check(RULES, email(Optional.of(contact(Map.of("negative_sentiment", "false"))), List.of())))
                .isEqualTo(Verdict.GO);
        assertThat(Guards.check(RULES, email(Optional.of(contact(Map.of("negative_sentiment", 0))), List.of())))
                .isEqualTo(Verdict.GO);
    }

    @Test
    void a_local_unsubscribe_wins_over_an_older_subscribed_snapshot() {
        Contact c = contact(Map.of("consent_email", "subscribed"));
        Contact clicked = new Contact(c.workspaceId(), c.profileId(), c.version(), c.email(), c.phone(), c.timezone(),
                c.consents(), Map.of("email", NOON), c.traits());
        assertThat(clicked.consent(Channel.email)).contains(Consent.unsubscribed);
        assertThat(Guards.check(RULES, email(Optional.of(clicked), List.of()))).isInstanceOf(Verdict.Skip.class);
    }

    @Test
    void caps_and_quiet_hours_read_from_their_settings() {
        assertThat(FrequencyCap.parseAll("1/24h, 3/7d")).containsExactly(new FrequencyCap(1, Duration.ofHours(24)),
                new FrequencyCap(3, Duration.ofDays(7)));
        assertThat(FrequencyCap.parseAll("none")).isEmpty();
        assertThat(FrequencyCap.parse("10/30m")).isEqualTo(new FrequencyCap(10, Duration.ofMinutes(30)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FrequencyCap.parse("3 per week"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 per week");
        assertThat(QuietHours.parse("none")).isNull();
        QuietHours day = QuietHours.parse("12:00-14:00");
        assertThat(day.contains(java.time.LocalTime.of(13, 0))).isTrue();
        assertThat(day.contains(java.time.LocalTime.of(14, 0))).isFalse();
    }

    @Test
    void quiet_hours_end_at_nine_local_across_a_daylight_saving_change() {
        QuietHours night = QuietHours.parse("21:00-09:00");
        // Paris goes to summer time on 2026-03-29: 09:00 that morning is 07:00 UTC.
        assertThat(night.endsAfter(Instant.parse("2026-03-28T22:00:00Z"), ZoneId.of("Europe/Paris")))
                .isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
    }
}
