package crm.journey.guards;

import crm.events.MessageEvent.Channel;
import crm.journey.contacts.Contact;
import crm.journey.contacts.ContactRepository;
import crm.journey.runtime.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Gathers what the guards look at for a due send from the database and asks {@link Guards}. */
@ApplicationScoped
public class SendGuards {
    private final GuardRules rules;
    private final Set<String> transactional;

    @Inject
    ContactRepository contacts;
    @Inject
    Database database;

    @Inject
    public SendGuards(GuardSettings settings) {
        Set<Channel> optIn = EnumSet.noneOf(Channel.class);
        settings.optInRequired().stream().filter(s -> !s.isBlank()).forEach(s -> optIn.add(Channel.valueOf(s.trim())));
        Map<Channel, List<FrequencyCap>> caps = new EnumMap<>(Channel.class);
        settings.caps().forEach((ch, spec) -> caps.put(Channel.valueOf(ch), FrequencyCap.parseAll(spec)));
        Map<Channel, QuietHours> quiet = new EnumMap<>(Channel.class);
        settings.quietHours().forEach((ch, spec) -> {
            QuietHours q = QuietHours.parse(spec);
            if (q != null) quiet.put(Channel.valueOf(ch), q);
        });
        List<String> empathy = settings.empathyTraits().stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        this.rules = new GuardRules(optIn, caps, quiet, empathy, ZoneId.of(settings.defaultTimezone()), settings.quietHoursPolicy());
        this.transactional = Set.copyOf(settings.transactionalTemplates().orElse(List.of()));
    }

    public GuardRules rules() {
        return rules;
    }

    public MessageKind kindOf(String template) {
        return transactional.contains(template) ? MessageKind.transactional : MessageKind.marketing;
    }

    /**
     * The verdict on a due send of {@code profileId}. The recipient is the contact's current address when the
     * projection knows one, else the one the send was planned with; {@code snapshot} is the run's copy of the traits.
     */
    public Decision check(String workspaceId, String profileId, Channel channel, String template, String plannedRecipient,
                          Map<String, Object> snapshot, QuietHoursPolicy policy, Instant now) {
        return database.read(c -> {
            // No snapshot on crm.profiles.v1 yet: the traits the run started with speak for the profile.
            Optional<Contact> contact = contacts.find(c, workspaceId, profileId)
                    .or(() -> Optional.of(Contact.fromSnapshot(workspaceId, profileId, -1, snapshot)));
            String recipient = channel == Channel.webhook ? plannedRecipient
                    : contact.flatMap(k -> k.address(channel)).orElse(plannedRecipient);
            MessageKind kind = kindOf(template);
            Optional<String> suppression = contacts.suppression(c, workspaceId, channel, recipient);
            List<Instant> recent = kind == MessageKind.marketing
                    ? recentMarketingSends(c, workspaceId, profileId, channel, now.minus(rules.longestWindow(channel)))
                    : List.of();
            Verdict verdict = Guards.check(rules, new SendCheck(channel, kind, recipient, contact, suppression, recent, policy, now));
            return new Decision(verdict, kind, recipient, contact);
        });
    }

    /** The verdict with what it was decided on, which the send then uses (address, traits for the template). */
    public record Decision(Verdict verdict, MessageKind kind, String recipient, Optional<Contact> contact) {
    }

    private static List<Instant> recentMarketingSends(Connection c, String workspaceId, String profileId, Channel channel,
                                                      Instant since) throws SQLException {
        List<Instant> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select s.sent_at from sends s join runs r on r.id = s.run_id
                where s.workspace_id = ? and r.profile_id = ? and s.channel = ? and s.status = 'sent'
                  and coalesce(s.message_kind, 'marketing') = 'marketing' and s.sent_at > ?""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            ps.setString(3, channel.name());
            ps.setObject(4, Database.timestamp(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(Database.instant(rs, "sent_at"));
            }
        }
        return out;
    }
}
