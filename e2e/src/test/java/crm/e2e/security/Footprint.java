package crm.e2e.security;

import crm.e2e.Service;
import crm.testing.Postgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Everything the suite has stored, in a form that compares: the end offset of every partition of every topic, and a
 * digest of the content of every table of every service's database. Equal footprints before and after a phase of
 * requests mean the phase stored nothing.
 */
record Footprint(Map<String, String> parts) {
    /**
     * Tables changed by the services' own timers whatever the requests: segment-service's statistics refresh (its first
     * run is 30 s after start, often in the middle of the fuzzing) and daily size record. Flyway's history never changes
     * after start.
     */
    private static final List<String> BACKGROUND = List.of("flyway_schema_history", "population_statistics",
            "segment_size_history");

    static Footprint of(SharedSuite.Running s) {
        Map<String, String> parts = new TreeMap<>();
        parts.putAll(offsets(s.suite.kafka().bootstrapServers()));
        for (Service service : Service.values()) parts.putAll(tables(s, service));
        return new Footprint(parts);
    }

    /** What differs from another footprint, one line per topic partition or table. */
    List<String> differencesFrom(Footprint before) {
        List<String> diff = new ArrayList<>();
        for (String k : before.parts.keySet()) {
            if (!before.parts.get(k).equals(parts.get(k))) diff.add(k + ": " + before.parts.get(k) + " -> " + parts.get(k));
        }
        for (String k : parts.keySet()) {
            if (!before.parts.containsKey(k)) diff.add(k + ": new, " + parts.get(k));
        }
        return diff;
    }

    static Map<String, String> offsets(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith("crm.")).sorted().toList();
            Map<TopicPartition, OffsetSpec> asked = new java.util.HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((t, d) ->
                    d.partitions().forEach(p -> asked.put(new TopicPartition(t, p.partition()), OffsetSpec.latest())));
            Map<String, String> ends = new TreeMap<>();
            admin.listOffsets(asked).all().get().forEach((tp, info) -> ends.put("topic " + tp, String.valueOf(info.offset())));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read end offsets", e.getCause());
        }
    }

    /** Row count and an md5 of the sorted rows of every table of the service's database. */
    static Map<String, String> tables(SharedSuite.Running s, Service service) {
        Map<String, String> digests = new TreeMap<>();
        String url = s.suite.postgres().jdbcUrl(service.database);
        try (Connection c = DriverManager.getConnection(url, Postgres.USER, Postgres.PASSWORD); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables"
                    + " where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            for (String table : tables) {
                if (BACKGROUND.stream().anyMatch(table::endsWith)) continue;
                try (ResultSet rs = st.executeQuery("select count(*), coalesce(md5(string_agg(t::text, '|' order by t::text)), '')"
                        + " from " + table + " t")) {
                    rs.next();
                    digests.put(service.database + "." + table, rs.getLong(1) + " rows " + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the " + service.database + " database", e);
        }
        return digests;
    }

    @Override
    public String toString() {
        return parts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }
}
