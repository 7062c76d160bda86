package crm.profile.identity;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The profile_merges table: which profile each merged profile now lives in, and which event merged it. */
@ApplicationScoped
public class MergeRepository {

    public record Merge(UUID mergedId, UUID survivorId, Instant at) {
    }

    /** Records the merge; earlier merges into {@code merged} now point to the survivor too, so lookups take one step. */
    public void record(Connection c, String workspaceId, UUID merged, UUID survivor, String causeEventId, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update profile_merges set survivor_id = ? where survivor_id = ?")) {
            s.setObject(1, survivor);
            s.setObject(2, merged);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("insert into profile_merges (workspace_id, merged_id, survivor_id, cause_event_id, merged_at) "
                + "values (?, ?, ?, ?, ?) on conflict (merged_id) do nothing")) {
            s.setString(1, workspaceId);
            s.setObject(2, merged);
            s.setObject(3, survivor);
            s.setString(4, causeEventId);
            s.setObject(5, at.atOffset(ZoneOffset.UTC));
            s.executeUpdate();
        }
    }

    /** The profile an id now stands for: its survivor when it was merged, else itself. */
    public UUID current(Connection c, String workspaceId, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select survivor_id from profile_merges where merged_id = ? and workspace_id = ?")) {
            s.setObject(1, id);
            s.setString(2, workspaceId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : id;
            }
        }
    }

    /** The merges an event caused, to publish them again when the event is redelivered. */
    public List<Merge> causedBy(Connection c, String workspaceId, String eventId) throws SQLException {
        List<Merge> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select merged_id, survivor_id, merged_at from profile_merges "
                + "where workspace_id = ? and cause_event_id = ? order by merged_at, merged_id")) {
            s.setString(1, workspaceId);
            s.setString(2, eventId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Merge(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, java.time.OffsetDateTime.class).toInstant()));
                }
            }
        }
        return out;
    }

    /** The ids merged into a profile (for its export). */
    public List<UUID> mergedInto(Connection c, UUID survivor) throws SQLException {
        List<UUID> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select merged_id from profile_merges where survivor_id = ? order by merged_at")) {
            s.setObject(1, survivor);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(rs.getObject(1, UUID.class));
            }
        }
        return out;
    }

    /** Erasure: no trace of the profile nor of the profiles merged into it. */
    public void deleteOf(Connection c, UUID profileId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("delete from profile_merges where survivor_id = ? or merged_id = ?")) {
            s.setObject(1, profileId);
            s.setObject(2, profileId);
            s.executeUpdate();
        }
    }
}
