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
