package crm.segment.membership;

import crm.segment.DatabaseFailure;
import crm.segment.condition.ConditionSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Read-only bulk queries over the projection: previews of a condition and exports of a segment's members. */
@ApplicationScoped
public class ProjectionQueries {
    @Inject
    DataSource dataSource;

    /** A profile of a preview sample. */
    public record Sampled(String profileId, Map<String, Object> traits) {
    }

    public long count(String workspaceId, ConditionSql.Compiled condition) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from profile_projection p where p.workspace_id = ? and "
                     + condition.sql())) {
            bind(ps, workspaceId, condition);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("counting a preview", e);
        }
    }

    public List<Sampled> sample(String workspaceId, ConditionSql.Compiled condition, int size) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select p.profile_id, p.traits::text from profile_projection p where p.workspace_id = ? and "
                     + condition.sql() + " order by p.profile_id limit ?")) {
            int next = bind(ps, workspaceId, condition);
            ps.setInt(next, size);
            List<Sampled> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) found.add(new Sampled(rs.getString(1), ProjectionRepository.traits(rs.getString(2))));
            }
            return found;
        } catch (SQLException e) {
            throw new DatabaseFailure("sampling a preview", e);
        }
    }

    private static int bind(PreparedStatement ps, String workspaceId, ConditionSql.Compiled condition) throws SQLException {
        int i = 1;
        ps.setString(i++, workspaceId);
        for (Object p : condition.parameters()) SegmentReconciler.bind(ps, i++, p);
        return i;
    }

    /** A member as exported. */
    public record Exported(String profileId, String email, String firstName, String lastName, Instant enteredAt) {
    }

    /** Something that takes exported members one by one (and may fail writing them out). */
    @FunctionalInterface
    public interface MemberSink {
        void accept(Exported member) throws java.io.IOException;
    }

    /** Streams every member of the segment with a server-side cursor, so memory stays flat whatever its size. */
    public void members(String workspaceId, String segmentId, MemberSink sink) throws java.io.IOException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL fetches in batches only inside a transaction
            try (PreparedStatement ps = c.prepareStatement("""
                    select m.profile_id, p.traits ->> 'email', p.traits ->> 'first_name', p.traits ->> 'last_name', m.entered_at
                    from memberships m left join profile_projection p on p.workspace_id = m.workspace_id and p.profile_id = m.profile_id
                    where m.workspace_id = ? and m.segment_id = ? order by m.profile_id""")) {
                ps.setFetchSize(500);
                ps.setString(1, workspaceId);
                ps.setString(2, segmentId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new Exported(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getObject(5, OffsetDateTime.class).toInstant()));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("exporting members", e);
        }
    }
}
