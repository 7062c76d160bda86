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
     * The verdict on a due send of {@code profileId}, which this worker holds until {@code leaseUntil}. The recipient is
     * the contact's current address when the projection knows one, else the one the send was planned with;
     * {@code snapshot} is the run's copy of the traits.
     * <p>
     * Check and count are one transaction: a marketing send on a capped channel takes a lock per workspace, profile and
     * channel, counts the messages sent and those passed and still in flight, and, when it goes, is counted at once
     * ({@code sends.counted_at}). Two workers (or replicas) sending to the same profile at the same moment so pass the
     * cap one after the other, and the second sees the first.
     *
     * @throws IllegalStateException when the worker lost the send's lease meanwhile (another worker has it)
     */
    public Decision check(String messageId, Instant leaseUntil, String workspaceId, String profileId, Channel channel,
                          String template, String plannedRecipient, Map<String, Object> snapshot, QuietHoursPolicy policy,
                          Instant now) {
        return database.inTransaction(c -> {
            MessageKind kind = kindOf(template);
            boolean capped = kind == MessageKind.marketing && !rules.caps().getOrDefault(channel, List.of()).isEmpty();
            if (capped) lockCaps(c, workspaceId, profileId, channel);
            // No snapshot on crm.profiles.v1 yet: the traits the run started with speak for the profile.
            Optional<Contact> contact = contacts.find(c, workspaceId, profileId)
                    .or(() -> Optional.of(Contact.fromSnapshot(workspaceId, profileId, -1, snapshot)));
            String recipient = channel == Channel.webhook ? plannedRecipient
                    : contact.flatMap(k -> k.address(channel)).orElse(plannedRecipient);
            Optional<String> suppression = contacts.suppression(c, workspaceId, channel, recipient);
            List<Instant> recent = capped
                    ? recentMarketingSends(c, workspaceId, profileId, channel, messageId, now.minus(rules.longestWindow(channel)))
                    : List.of();
            Verdict verdict = Guards.check(rules, new SendCheck(channel, kind, recipient, contact, suppression, recent, policy, now));
            if (capped && verdict instanceof Verdict.Go) count(c, messageId, leaseUntil, now);
            return new Decision(verdict, kind, recipient, contact);
        });
    }

    /** The verdict with what it was decided on, which the send then uses (address, traits for the template). */
    public record Decision(Verdict verdict, MessageKind kind, String recipient, Optional<Contact> contact) {
    }

    /** Serialises the cap checks of one profile on one channel until the transaction ends. */
    private static void lockCaps(Connection c, String workspaceId, String profileId, Channel channel) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 11))")) {
            ps.setString(1, workspaceId + "\n" + profileId + "\n" + channel.name());
            ps.executeQuery().close();
        }
    }

    /**
     * When marketing messages on the channel went to the profile since {@code since}, and the ones that passed the caps
     * and are being delivered now (they count from when they passed), other than the send being checked.
     */
    private static List<Instant> recentMarketingSends(Connection c, String workspaceId, String profileId, Channel channel,
                                                      String messageId, Instant since) throws SQLException {
        List<Instant> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select coalesce(s.sent_at, s.counted_at) as at from sends s join runs r on r.id = s.run_id
                where s.workspace_id = ? and r.workspace_id = s.workspace_id and r.profile_id = ?
                  and s.channel = ? and s.idempotency_key <> ?
                  and ((s.status = 'sent' and coalesce(s.message_kind, 'marketing') = 'marketing' and s.sent_at > ?)
                       or (s.status = 'sending' and s.counted_at is not null))""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            ps.setString(3, channel.name());
            ps.setString(4, messageId);
            ps.setObject(5, Database.timestamp(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(Database.instant(rs, "at"));
            }
        }
        return out;
    }

    /** Counts the send under the caps from now on, if this worker still holds it. */
    private static void count(Connection c, String messageId, Instant leaseUntil, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update sends set counted_at = ? where idempotency_key = ? and status = 'sending' and lease_until = ?")) {
            ps.setObject(1, Database.timestamp(now));
            ps.setString(2, messageId);
            ps.setObject(3, Database.timestamp(leaseUntil));
            if (ps.executeUpdate() != 1) throw new IllegalStateException("send " + messageId + ": lease lost to another worker");
        }
    }
}
