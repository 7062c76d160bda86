package crm.journey.guards;

import crm.events.MessageEvent.Channel;
import crm.journey.contacts.Contact;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the guards look at for one due send.
 *
 * @param recipient            the address it would go to, null when there is none
 * @param contact              the profile's contact, empty when no snapshot has arrived yet
 * @param suppression          why the recipient's address is suppressed on the channel, if it is
 * @param recentMarketingSends when marketing messages on the channel went to the profile within the longest cap window
 * @param quietHoursPolicy     the step's policy, or null for the configured default
 */
public record SendCheck(Channel channel, MessageKind kind, String recipient, Optional<Contact> contact,
                        Optional<String> suppression, List<Instant> recentMarketingSends,
                        QuietHoursPolicy quietHoursPolicy, Instant now) {
}
