package crm.journey.contacts;

import crm.events.Identities;
import crm.events.MessageEvent;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the journey service knows about a profile from its latest snapshot, plus unsubscribes recorded here that the
 * snapshot does not show yet.
 *
 * @param consents          per channel name, from the snapshot
 * @param localUnsubscribes per channel name, unsubscribes recorded by this service (one-click) and not yet confirmed
 */
public record Contact(
        String workspaceId,
        String profileId,
        long version,
        String email,
        String phone,
        String timezone,
        Map<String, Consent> consents,
        Map<String, Instant> localUnsubscribes,
        Map<String, Object> traits) {

    public Contact {
        consents = consents == null ? Map.of() : Map.copyOf(consents);
        localUnsubscribes = localUnsubscribes == null ? Map.of() : Map.copyOf(localUnsubscribes);
        traits = traits == null ? Map.of() : traits;
    }

    /** The channels that carry a consent trait. The webhook channel is the store's own system: no consent. */
    public static final java.util.List<MessageEvent.Channel> CONSENT_CHANNELS =
            java.util.List.of(MessageEvent.Channel.email, MessageEvent.Channel.sms, MessageEvent.Channel.whatsapp);

    /** The contact a snapshot describes. */
    public static Contact fromSnapshot(String workspaceId, String profileId, long version, Map<String, Object> traits) {
        Map<String, Consent> consents = new java.util.HashMap<>();
        for (MessageEvent.Channel ch : CONSENT_CHANNELS) {
            Consent.fromTraits(traits, ch.name()).ifPresent(c -> consents.put(ch.name(), c));
        }
        return new Contact(workspaceId, profileId, version, Identities.normaliseEmail(string(traits, "email")),
                string(traits, "phone"), string(traits, "timezone"), consents, Map.of(), traits);
    }

    /** The consent that governs sends now: an unconfirmed local unsubscribe wins over the snapshot. */
    public Optional<Consent> consent(MessageEvent.Channel channel) {
        if (localUnsubscribes.containsKey(channel.name())) return Optional.of(Consent.unsubscribed);
        return Optional.ofNullable(consents.get(channel.name()));
    }

    /** The address on a channel, when the profile has one. */
    public Optional<String> address(MessageEvent.Channel channel) {
        return Optional.ofNullable(switch (channel) {
            case email -> email;
            case sms, whatsapp -> phone;
            case webhook -> null;
        });
    }

    private static String string(Map<String, Object> traits, String key) {
        Object v = traits == null ? null : traits.get(key);
        if (v == null) return null;
        String s = v.toString().trim();
        return s.isEmpty() ? null : s;
    }
}
