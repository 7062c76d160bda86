package crm.journey.contacts;

import com.fasterxml.jackson.core.type.TypeReference;
import crm.events.Json;
import crm.events.MessageEvent;
import crm.journey.runtime.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The contacts and suppressions tables. */
@ApplicationScoped
public class ContactRepository {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /**
     * Applies a snapshot unless one of the same or a higher version was applied (redelivery, reordering). Local
     * unsubscribes the snapshot confirms are cleared; the others stay. Returns whether it applied.
     */
    public boolean apply(Connection c, Contact snapshot, Instant now) throws SQLException {
        Optional<Contact> current = find(c, snapshot.workspaceId(), snapshot.profileId(), true);
        if (current.isPresent() && current.get().version() >= snapshot.version()) return false;
        Map<String, Instant> local = new HashMap<>(current.map(Contact::localUnsubscribes).orElse(Map.of()));
        local.keySet().removeIf(ch -> snapshot.consents().get(ch) == Consent.unsubscribed);
        try (PreparedStatement ps = c.prepareStatement("""
                insert into contacts (workspace_id, profile_id, version, email, phone, timezone, consent_email, consent_sms,
                                      consent_whatsapp, local_unsubscribes, traits, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?)
                on conflict (workspace_id, profile_id) do update set version = excluded.version, email = excluded.email,
                    phone = excluded.phone, timezone = excluded.timezone, consent_email = excluded.consent_email,
                    consent_sms = excluded.consent_sms, consent_whatsapp = excluded.consent_whatsapp,
                    local_unsubscribes = excluded.local_unsubscribes, traits = excluded.traits, updated_at = excluded.updated_at""")) {
            ps.setString(1, snapshot.workspaceId());
            ps.setString(2, snapshot.profileId());
            ps.setLong(3, snapshot.version());
            ps.setString(4, snapshot.email());
            ps.setString(5, snapshot.phone());
            ps.setString(6, snapshot.timezone());
            ps.setString(7, name(snapshot.consents().get("email")));
            ps.setString(8, name(snapshot.consents().get("sms")));
            ps.setString(9, name(snapshot.consents().get("whatsapp")));
            ps.setString(10, Json.write(local));
            ps.setString(11, Json.write(snapshot.traits()));
            ps.setObject(12, Database.timestamp(now));
            ps.executeUpdate();
        }
        return true;
    }

    public Optional<Contact> find(Connection c, String workspaceId, String profileId) throws SQLException {
        return find(c, workspaceId, profileId, false);
    }

    private Optional<Contact> find(Connection c, String workspaceId, String profileId, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select * from contacts where workspace_id = ? and profile_id = ?"
                + (forUpdate ? " for update" : ""))) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(contact(rs)) : Optional.empty();
            }
        }
    }

    /** The profile whose contact has this email or phone, for events that name the customer only by address. */
    public Optional<String> profileOf(Connection c, String workspaceId, String email, String phone) throws SQLException {
        if (email == null && phone == null) return Optional.empty();
        try (PreparedStatement ps = c.prepareStatement("""
                select profile_id from contacts where workspace_id = ? and (email = ? or phone = ?)
                order by updated_at desc limit 1""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, email);
            ps.setString(3, phone);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Records an unsubscribe at once, before profile-service confirms it; creates the contact if unknown so far. */
    public void unsubscribe(Connection c, String workspaceId, String profileId, MessageEvent.Channel channel, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into contacts (workspace_id, profile_id, version, local_unsubscribes, updated_at)
                values (?, ?, 0, jsonb_build_object(?::text, ?::text), ?)
                on conflict (workspace_id, profile_id) do update
                set local_unsubscribes = contacts.local_unsubscribes || jsonb_build_object(?::text, ?::text),
                    updated_at = excluded.updated_at
                where not jsonb_exists(contacts.local_unsubscribes, ?::text)""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            ps.setString(3, channel.name());
            ps.setString(4, at.toString());
            ps.setObject(5, Database.timestamp(at));
            ps.setString(6, channel.name());
            ps.setString(7, at.toString());
            ps.setString(8, channel.name());
            ps.executeUpdate();
        }
    }

    /** The merged profile's contact goes (the survivor's snapshot follows); its unconfirmed unsubscribes move over. */
    public void merge(Connection c, String workspaceId, String survivorId, String mergedId, Instant now) throws SQLException {
        Optional<Contact> merged = find(c, workspaceId, mergedId, true);
        if (merged.isEmpty()) return;
        for (Map.Entry<String, Instant> e : merged.get().localUnsubscribes().entrySet()) {
            unsubscribe(c, workspaceId, survivorId, MessageEvent.Channel.valueOf(e.getKey()), e.getValue());
        }
        delete(c, workspaceId, mergedId);
    }

    /**
     * Erasure: the contact, the suppressions of its addresses, and the content of its messages (addresses and the
     * trait snapshots sends were rendered from) go; counts without content stay for the journeys' statistics.
     */
    public void erase(Connection c, String workspaceId, String profileId) throws SQLException {
        Optional<Contact> contact = find(c, workspaceId, profileId, true);
        if (contact.isPresent()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from suppressions where workspace_id = ? and address in (?, ?)")) {
                ps.setString(1, workspaceId);
                ps.setString(2, contact.get().email());
                ps.setString(3, contact.get().phone());
                ps.executeUpdate();
            }
        }
        delete(c, workspaceId, profileId);
        try (PreparedStatement ps = c.prepareStatement("""
                update sends s set recipient = null, variables = '{}'
                from runs r where r.id = s.run_id and r.workspace_id = ? and r.profile_id = ?""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "update conversions set profile_id = null where workspace_id = ? and profile_id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            ps.executeUpdate();
        }
    }

    private static void delete(Connection c, String workspaceId, String profileId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from contacts where workspace_id = ? and profile_id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, profileId);
            ps.executeUpdate();
        }
    }

    /** Stops every further send to an address on a channel (hard bounce, spam complaint); idempotent. */
    public void suppress(Connection c, String workspaceId, MessageEvent.Channel channel, String address, String reason,
                         String eventId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into suppressions (workspace_id, channel, address, reason, event_id, at) values (?, ?, ?, ?, ?, ?)
                on conflict do nothing""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, channel.name());
            ps.setString(3, address);
            ps.setString(4, reason);
            ps.setString(5, eventId);
            ps.setObject(6, Database.timestamp(at));
            ps.executeUpdate();
        }
    }

    /** Why the address is suppressed on the channel, if it is. */
    public Optional<String> suppression(Connection c, String workspaceId, MessageEvent.Channel channel, String address) throws SQLException {
        if (address == null) return Optional.empty();
        try (PreparedStatement ps = c.prepareStatement(
                "select reason from suppressions where workspace_id = ? and channel = ? and address = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, channel.name());
            ps.setString(3, address);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static Contact contact(ResultSet rs) throws SQLException {
        Map<String, Consent> consents = new HashMap<>();
        for (MessageEvent.Channel ch : Contact.CONSENT_CHANNELS) {
            String v = rs.getString("consent_" + ch.name());
            if (v != null) consents.put(ch.name(), Consent.valueOf(v));
        }
        Map<String, Instant> local = new HashMap<>();
        json(rs.getString("local_unsubscribes")).forEach((k, v) -> local.put(k, Instant.parse(v.toString())));
        return new Contact(rs.getString("workspace_id"), rs.getString("profile_id"), rs.getLong("version"),
                rs.getString("email"), rs.getString("phone"), rs.getString("timezone"), consents, local,
                json(rs.getString("traits")));
    }

    private static Map<String, Object> json(String s) {
        try {
            return s == null ? Map.of() : Json.MAPPER.readValue(s, MAP);
        } catch (IOException e) {
            throw new IllegalStateException("stored contact JSON is not an object", e);
        }
    }

    private static String name(Consent c) {
        return c == null ? null : c.name();
    }
}
