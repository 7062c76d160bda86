package crm.segment.history;

import crm.segment.DatabaseFailure;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The daily size of every segment: recorded every {@code crm.segment.history.every} as the size of the current UTC day
 * (the last recording of a day stands), so the history of a day is its size at its end, give or take the cadence.
 */
@ApplicationScoped
public class SizeHistory {
    private static final Logger LOG = Logger.getLogger(SizeHistory.class);

    @Inject
    DataSource dataSource;
    @Inject
    InstantSource clock;

    /** A day's size. */
    public record Day(LocalDate day, long size) {
    }

    @Scheduled(identity = "size-history", every = "${crm.segment.history.every}", delayed = "${crm.segment.history.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            record();
        } catch (RuntimeException e) {
            LOG.warnf("segment sizes not recorded, next run retries: %s", e.toString());
        }
    }

    /** Records today's size of every segment; returns how many segments. */
    public int record() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into segment_size_history (workspace_id, segment_id, day, size)
                     select s.workspace_id, s.id, ?, (select count(*) from memberships m
                                                      where m.workspace_id = s.workspace_id and m.segment_id = s.id)
                     from segments s
                     on conflict (segment_id, day) do update set size = excluded.size""")) {
            ps.setObject(1, today());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("recording segment sizes", e);
        }
    }

    /** The recorded days from {@code from} on, oldest first, with today as it is now. */
    public List<Day> of(String workspaceId, String segmentId, LocalDate from) {
        LocalDate today = today();
        List<Day> days = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select day, size from segment_size_history
                     where workspace_id = ? and segment_id = ? and day >= ? and day < ? order by day""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, segmentId);
            ps.setObject(3, from);
            ps.setObject(4, today);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) days.add(new Day(rs.getObject(1, LocalDate.class), rs.getLong(2)));
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("loading segment history", e);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from memberships where workspace_id = ? and segment_id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, segmentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                days.add(new Day(today, rs.getLong(1)));
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("counting members", e);
        }
        return days;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
