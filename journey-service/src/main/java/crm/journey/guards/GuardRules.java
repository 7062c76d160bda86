package crm.journey.guards;

import crm.events.MessageEvent.Channel;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configured guards.
 *
 * @param optInRequired channels whose marketing needs consent "subscribed" (SMS law); elsewhere only "unsubscribed" stops it
 * @param caps          frequency caps of marketing messages per channel
 * @param quietHours    per channel; a channel without an entry has none
 * @param empathyTraits traits that, while set on the profile, stop marketing (e.g. negative_sentiment)
 * @param defaultZone   the time zone of a profile that has none
 * @param quietHoursPolicy what a send due in quiet hours does, unless its step says otherwise
 */
public record GuardRules(Set<Channel> optInRequired, Map<Channel, List<FrequencyCap>> caps,
                         Map<Channel, QuietHours> quietHours, List<String> empathyTraits, ZoneId defaultZone,
                         QuietHoursPolicy quietHoursPolicy) {

    public GuardRules {
        optInRequired = Set.copyOf(optInRequired);
        caps = Map.copyOf(caps);
        quietHours = Map.copyOf(quietHours);
        empathyTraits = List.copyOf(empathyTraits);
    }

    /** The longest cap window of a channel: how far back sends must be looked up. */
    public Duration longestWindow(Channel channel) {
        return caps.getOrDefault(channel, List.of()).stream().map(FrequencyCap::window)
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
