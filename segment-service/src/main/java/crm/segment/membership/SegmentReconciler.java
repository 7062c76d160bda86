package crm.segment.membership;

import crm.events.Json;
import crm.events.SegmentMembershipChanged;
import crm.events.SegmentMembershipChanged.Change;
import crm.events.Topics;
import crm.segment.DatabaseFailure;
import crm.segment.condition.ConditionSql;
import crm.segment.condition.Evaluation;
import crm.segment.definition.Segment;
import crm.segment.definition.SegmentRepository;
import crm.segment.definition.WorkspaceSegments;
import crm.segment.outbox.OutboxRepository;
import crm.segment.outbox.OutboxRow;
import crm.segment.statistics.StatisticsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Brings a segment's memberships in line with its condition over every profile of the workspace, with the SQL form
 * of the condition: who matches and is not a member enters, who is a member and no longer matches exits. Backfills,
 * time sweeps and statistics refreshes are all this, with a different reason on the messages.
 */
@ApplicationScoped
public class SegmentReconciler {
    public static final String BACKFILL = "backfill";
    public static final String TIME_PASSED = "time passed";
    public static final String STATISTICS_CHANGED = "statistics changed";
    public static final String SEGMENT_DELETED = "segment deleted";

    @Inject
    DataSource dataSource;
    @Inject
    WorkspaceLock lock;
    @Inject
    SegmentRepository segments;
    @Inject
    StatisticsRepository statistics;
    @Inject
    MembershipRepository memberships;
    @Inject
    OutboxRepository outbox;
    @Inject
    InstantSource clock;
    @ConfigProperty(name = "crm.segment.reconcile.work-mem")
    MemorySize workMem;

    /** @return how many profiles entered or exited, all written to the outbox in this transaction */
    @Transactional
    public int reconcile(String workspaceId, Collection<String> segmentIds, String reason) {
        lock.lock(workspaceId);
        roomForTheJoin();
        return reconcile(workspaceId, segmentIds, reason, null);
    }

    /**
     * Lets PostgreSQL hash the segment's memberships in memory for this transaction: with the default work_mem (4MB) a
     * large segment's hash join spills in batches, writing every projection row it scans to temporary files.
     */
    private void roomForTheJoin() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select set_config('work_mem', ?, true)")) {
            ps.setString(1, Math.max(64, workMem.asLongValue() / 1024) + "kB");
            ps.execute();
        } catch (SQLException e) {
            throw new DatabaseFailure("setting work_mem", e);
        }
    }

    /**
     * The same over one range of profile ids only (a chunk of a backfill), in the caller's transaction, which holds the
     * workspace lock ({@link WorkspaceLock}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int reconcile(String workspaceId, Collection<String> segmentIds, String reason, ProfileRange range) {
        WorkspaceSegments all = segments.workspace(workspaceId);
        Instant now = clock.instant();
        Evaluation evaluation = new Evaluation(now, statistics.load(workspaceId), all.lookup());
        int changed = 0;
        for (String id : segmentIds) {
            Segment segment = all.byId(id).orElse(null);
            if (segment != null) changed += reconcile(segment, evaluation, reason, now, range);
        }
        return changed;
    }

    /** Profile ids after {@code after} (null: from the first) up to and including {@code upTo}. */
    public record ProfileRange(String after, String upTo) {
        public ProfileRange {
            java.util.Objects.requireNonNull(upTo, "upTo");
        }

        String sql() {
            return (after == null ? "" : " and p.profile_id > ?") + " and p.profile_id <= ?";
        }

        int bind(PreparedStatement ps, int index) throws SQLException {
            if (after != null) ps.setString(index++, after);
            ps.setString(index++, upTo);
            return index;
        }
    }

    /** Publishes an exit for every member of the segment (it is being deleted); returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int exitAll(Segment segment, String reason) {
        Instant now = clock.instant();
        List<Candidate> members = candidates("""
                select m.profile_id, coalesce(p.version, 0), p.traits::text, false from memberships m
                left join profile_projection p on p.workspace_id = m.workspace_id and p.profile_id = m.profile_id
                where m.workspace_id = ? and m.segment_id = ? order by m.profile_id""", segment, ps -> {
            ps.setString(1, segment.workspaceId());
            ps.setString(2, segment.id());
        });
        memberships.changeAll(segment.workspaceId(), segment.id(), members.stream().map(Candidate::profileId).toList(), false, now);
        List<OutboxRow> rows = members.stream().map(c -> row(segment, c, reason, now)).toList();
        outbox.addAll(rows, now);
        return rows.size();
    }

    /**
     * One scan of the projection, joined with the segment's memberships: a profile flips where the two disagree.
     * {@code (m.profile_id is null) = condition} enters only on a TRUE condition and exits only on a FALSE one (an
     * unknown condition would be NULL: no flip either way); members without a projection row are not visited (kept).
     */
    static final String FLIPS = """
            select p.profile_id, p.version, p.traits::text, m.profile_id is null from profile_projection p
            left join memberships m on m.workspace_id = p.workspace_id and m.segment_id = ? and m.profile_id = p.profile_id
            where p.workspace_id = ?%s and (m.profile_id is null) = %s
            order by p.profile_id""";

    private int reconcile(Segment segment, Evaluation evaluation, String reason, Instant now, ProfileRange range) {
        ConditionSql.Compiled condition = ConditionSql.compile(segment.condition(), evaluation, "p.facts");
        String within = range == null ? "" : range.sql();
        List<Candidate> flipping = candidates(FLIPS.formatted(within, condition.sql()), segment, ps -> {
            int i = 1;
            ps.setString(i++, segment.id());
            ps.setString(i++, segment.workspaceId());
            if (range != null) i = range.bind(ps, i);
            for (Object p : condition.parameters()) bind(ps, i++, p);
        });
        List<Candidate> entering = flipping.stream().filter(Candidate::entering).toList();
        List<Candidate> exiting = flipping.stream().filter(c -> !c.entering()).toList();
        String workspaceId = segment.workspaceId();
        memberships.changeAll(workspaceId, segment.id(), entering.stream().map(Candidate::profileId).toList(), true, now);
        memberships.changeAll(workspaceId, segment.id(), exiting.stream().map(Candidate::profileId).toList(), false, now);
        List<OutboxRow> rows = new ArrayList<>();
        entering.forEach(c -> rows.add(row(segment, c, reason, now)));
        exiting.forEach(c -> rows.add(row(segment, c, reason, now)));
        outbox.addAll(rows, now);
        return rows.size();
    }

    private record Candidate(String profileId, long version, String traits, boolean entering) {
    }

    @FunctionalInterface
    private interface Binding {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Runs a candidate query (profile id, version, traits, entering). */
    private List<Candidate> candidates(String sql, Segment segment, Binding binding) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binding.bind(ps);
            List<Candidate> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) found.add(new Candidate(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4)));
            }
            return found;
        } catch (SQLException e) {
            throw new DatabaseFailure("evaluating segment " + segment.id(), e);
        }
    }

    /** Binds a parameter of a compiled condition (BigDecimal, String or Boolean). */
    public static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof BigDecimal d) ps.setBigDecimal(index, d);
        else if (value instanceof String s) ps.setString(index, s);
        else if (value instanceof Boolean b) ps.setBoolean(index, b);
        else throw new IllegalArgumentException("cannot bind " + value);
    }

    private static OutboxRow row(Segment segment, Candidate candidate, String reason, Instant now) {
        Change change = candidate.entering() ? Change.ENTERED : Change.EXITED;
        SegmentMembershipChanged message = new SegmentMembershipChanged(UUID.randomUUID().toString(), segment.workspaceId(),
                segment.id(), segment.name(), candidate.profileId(), change, reason, now, candidate.version(),
                ProjectionRepository.traits(candidate.traits()));
        return new OutboxRow(message.id(), Topics.SEGMENTS, candidate.profileId(), Json.write(message));
    }
}
