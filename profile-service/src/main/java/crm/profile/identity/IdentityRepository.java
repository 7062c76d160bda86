package crm.profile.identity;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The identities table: which profile each identifier of a workspace points to. */
@ApplicationScoped
public class IdentityRepository {

    public Map<Identity, UUID> known(Connection c, String workspaceId, List<Identity> identities) throws SQLException {
        Map<Identity, UUID> known = new HashMap<>();
        if (identities.isEmpty()) return known;
        try (PreparedStatement s = c.prepareStatement(
                "select profile_id from identities where workspace_id = ? and kind = ? and value = ?")) {
            for (Identity identity : identities) {
                s.setString(1, workspaceId);
                s.setString(2, identity.kind().column);
                s.setString(3, identity.value());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) known.put(identity, rs.getObject(1, UUID.class));
                }
            }
        }
        return known;
    }

    /** {@link #known} of many identities of a workspace in one query. */
    public Map<Identity, UUID> knownAll(Connection c, String workspaceId, java.util.Collection<Identity> identities) throws SQLException {
        Map<Identity, UUID> known = new HashMap<>();
        if (identities.isEmpty()) return known;
        try (PreparedStatement s = c.prepareStatement("select i.kind, i.value, i.profile_id from unnest(?::text[], ?::text[]) as u(k, v) "
                + "join identities i on i.workspace_id = ? and i.kind = u.k and i.value = u.v")) {
            s.setArray(1, c.createArrayOf("text", identities.stream().map(i -> i.kind().column).toArray()));
            s.setArray(2, c.createArrayOf("text", identities.stream().map(Identity::value).toArray()));
            s.setString(3, workspaceId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    known.put(new Identity(IdentityKind.ofColumn(rs.getString(1)), rs.getString(2)), rs.getObject(3, UUID.class));
                }
            }
        }
        return known;
    }

    /** An identity to attach to a profile. */
    public record Attached(String workspaceId, Identity identity, UUID profileId, Instant at) {
    }

    /** {@link #attach} of many identities (of any profiles) in one statement. */
    public void attachAll(Connection c, List<Attached> attached) throws SQLException {
        if (attached.isEmpty()) return;
        try (PreparedStatement s = c.prepareStatement("insert into identities (workspace_id, kind, value, profile_id, created_at) "
                + "select u.w, u.k, u.v, u.p, u.at::timestamptz from unnest(?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[]) "
                + "as u(w, k, v, p, at)")) {
            s.setArray(1, c.createArrayOf("text", attached.stream().map(Attached::workspaceId).toArray()));
            s.setArray(2, c.createArrayOf("text", attached.stream().map(a -> a.identity().kind().column).toArray()));
            s.setArray(3, c.createArrayOf("text", attached.stream().map(a -> a.identity().value()).toArray()));
            s.setArray(4, c.createArrayOf("uuid", attached.stream().map(Attached::profileId).toArray()));
            s.setArray(5, c.createArrayOf("text", attached.stream().map(a -> a.at().toString()).toArray()));
            s.executeUpdate();
        }
    }

    public Optional<UUID> profileOf(Connection c, String workspaceId, Identity identity) throws SQLException {
        return Optional.ofNullable(known(c, workspaceId, List.of(identity)).get(identity));
    }

    /**
     * Attaches identities to a profile. Plain inserts: if another transaction attached one of them meanwhile, the
     * unique key fails this transaction, which is retried and then finds that identity known.
     */
    public void attach(Connection c, String workspaceId, UUID profileId, List<Identity> identities, Instant now) throws SQLException {
        if (identities.isEmpty()) return;
        try (PreparedStatement s = c.prepareStatement(
                "insert into identities (workspace_id, kind, value, profile_id, created_at) values (?, ?, ?, ?, ?)")) {
            for (Identity identity : identities) {
                s.setString(1, workspaceId);
                s.setString(2, identity.kind().column);
                s.setString(3, identity.value());
                s.setObject(4, profileId);
                s.setObject(5, now.atOffset(java.time.ZoneOffset.UTC));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** A merge: every identifier of {@code from} becomes one of {@code to}. */
    public void move(Connection c, UUID from, UUID to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update identities set profile_id = ? where profile_id = ?")) {
            s.setObject(1, to);
            s.setObject(2, from);
            s.executeUpdate();
        }
    }

    public void deleteOf(Connection c, UUID profileId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("delete from identities where profile_id = ?")) {
            s.setObject(1, profileId);
            s.executeUpdate();
        }
    }

    /** Every identifier of a profile, by kind, oldest first. */
    public Map<IdentityKind, List<String>> ofProfile(Connection c, UUID profileId) throws SQLException {
        Map<IdentityKind, List<String>> out = new EnumMap<>(IdentityKind.class);
        for (IdentityKind k : IdentityKind.values()) out.put(k, new java.util.ArrayList<>());
        try (PreparedStatement s = c.prepareStatement(
                "select kind, value from identities where profile_id = ? order by created_at, value")) {
            s.setObject(1, profileId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.get(IdentityKind.ofColumn(rs.getString(1))).add(rs.getString(2));
            }
        }
        return out;
    }
}
