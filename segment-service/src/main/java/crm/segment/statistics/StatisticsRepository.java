package crm.segment.statistics;

import crm.events.Json;
import crm.segment.DatabaseFailure;
import crm.segment.Timestamps;
import crm.segment.condition.ConditionSql;
import crm.segment.condition.Decimals;
import crm.segment.condition.Population;
import crm.segment.condition.Rfm;
import crm.segment.condition.TraitCatalogue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Computes population statistics over the profile projection and keeps the last ones per workspace. */
@ApplicationScoped
public class StatisticsRepository {
    @Inject
    DataSource dataSource;

    /** The statistics last stored, with when they were computed. */
    public record Stored(Population population, Instant computedAt) {
    }

    public Population load(String workspaceId) {
        return find(workspaceId).map(Stored::population).orElse(Population.NONE);
    }

    public Optional<Stored> find(String workspaceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select statistics::text, computed_at from population_statistics where workspace_id = ?")) {
            ps.setString(1, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Stored(Json.read(rs.getString(1), Population.class),
                        rs.getObject(2, java.time.OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("loading population statistics", e);
        }
    }

    public void save(String workspaceId, Population population, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into population_statistics (workspace_id, statistics, computed_at) values (?, ?::jsonb, ?)
                     on conflict (workspace_id) do update set statistics = excluded.statistics, computed_at = excluded.computed_at""")) {
            ps.setString(1, workspaceId);
            ps.setString(2, Json.write(population));
            ps.setObject(3, Timestamps.column(at));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("storing population statistics", e);
        }
    }

    /**
     * Computes the statistics the workspace needs now: the given percentile thresholds and averages, and the RFM
     * quintile boundaries over its customers. A statistic with no population (no profile has the trait) is left out.
     */
    public Population compute(String workspaceId, Set<crm.segment.condition.Top> tops, Set<String> averages) {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Population.Top> topValues = new HashMap<>();
            for (crm.segment.condition.Top top : tops) {
                String v = ConditionSql.numberOf(top.trait(), "p.facts");
                try (PreparedStatement ps = c.prepareStatement("select percentile_disc(?) within group (order by v) from ("
                        + "select " + v + " as v from profile_projection p where p.workspace_id = ?) s where v is not null")) {
                    double fraction = BigDecimal.ONE.subtract(top.percent().movePointLeft(2)).doubleValue();
                    ps.setDouble(1, fraction);
                    ps.setString(2, workspaceId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && rs.getBigDecimal(1) != null) {
                            topValues.put(Population.topKey(top.trait(), top.percent()),
                                    new Population.Top(Decimals.canonical(rs.getBigDecimal(1))));
                        }
                    }
                }
            }
            Map<String, BigDecimal> averageValues = new HashMap<>();
            for (String trait : averages) {
                String v = ConditionSql.numberOf(trait, "p.facts");
                try (PreparedStatement ps = c.prepareStatement("select avg(v) from (select " + v
                        + " as v from profile_projection p where p.workspace_id = ?) s where v is not null")) {
                    ps.setString(1, workspaceId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && rs.getBigDecimal(1) != null) averageValues.put(trait, Decimals.canonical(rs.getBigDecimal(1)));
                    }
                }
            }
            Map<String, List<BigDecimal>> rfm = new HashMap<>();
            String orders = ConditionSql.numberOf(TraitCatalogue.ORDERS_COUNT, "p.facts");
            for (String score : Rfm.scores()) {
                String v = ConditionSql.numberOf(Rfm.basis(score), "p.facts");
                try (PreparedStatement ps = c.prepareStatement("select percentile_disc(array[0.2, 0.4, 0.6, 0.8]) within group (order by v) from ("
                        + "select " + v + " as v from profile_projection p where p.workspace_id = ? and " + orders + " >= 1) s where v is not null")) {
                    ps.setString(1, workspaceId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && rs.getArray(1) != null) {
                            List<BigDecimal> boundaries = boundaries(rs.getArray(1));
                            if (boundaries.size() == 4) rfm.put(score, boundaries);
                        }
                    }
                }
            }
            return new Population(topValues, averageValues, rfm);
        } catch (SQLException e) {
            throw new DatabaseFailure("computing population statistics", e);
        }
    }

    private static List<BigDecimal> boundaries(Array array) throws SQLException {
        List<BigDecimal> values = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            if (o == null) return List.of();
            values.add(Decimals.canonical((BigDecimal) o));
        }
        return values;
    }
}
