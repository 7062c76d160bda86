package crm.bench.profile;

import crm.e2e.Service;
import crm.e2e.Suite;
import crm.testing.Postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fold's own SQL with nothing else on the machine: pgbench replays the statements of one batch of the fold
 * ({@code fold-floor.pgbench}) against profile-service's schema in a scratch database of the same server, on profiles
 * and events as the measured pass left them (their traits, state and timeline JSON). The server makes the rows itself,
 * so no client work is counted: this is the most events per second the fold's writes allow on this machine, were
 * profile-service and the broker to cost nothing. It tells what the fold's figure can reach, not what it is.
 */
final class FoldFloor {
    static final String DATABASE = "bench_fold_floor";
    /** One client per consumer of crm.events.v1 (mp.messaging.incoming.events.concurrency). */
    static final int CLIENTS = 3;
    /** A transaction of the script folds this many events (the consumer's max.poll.records). */
    static final int EVENTS_PER_BATCH = 500;
    /** Profiles of each client's slice; a batch takes 250 consecutive ones. */
    private static final int SLICE = 1000;
    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

    private FoldFloor() {
    }

    /** Events per second the fold's SQL alone reaches, over {@code seconds}, the profiles of {@code workspaceId} as samples. */
    static double eventsPerSecond(Suite suite, PgBench pgbench, String workspaceId, int seconds) throws Exception {
        suite.postgres().createDatabase(DATABASE);
        try (Connection c = floor(suite); Statement s = c.createStatement()) {
            // Afresh every run, so rows of earlier runs do not make the indexes larger than the fold's own.
            s.execute("drop schema public cascade; create schema public");
            for (Path migration : migrations(suite.options().root())) s.execute(Files.readString(migration));
            s.execute("create table floor_profiles (n int primary key, id uuid not null, email text not null, user_id text not null)");
            s.execute("insert into floor_profiles select g, gen_random_uuid(), 'floor-' || g || '@bench.example', 'floor-u-' || g "
                    + "from generate_series(0, " + (CLIENTS * SLICE - 1) + ") g");
            s.execute("create table floor_sample (traits text not null, state text not null, event text not null)");
            sample(suite, workspaceId, c);
            s.execute("insert into profiles (id, workspace_id, traits, state, orders_count, total_spent, version, created_at, updated_at) "
                    + "select f.id, 'floor', s.traits::jsonb, s.state::jsonb, 2, 100, 1, now(), now() from floor_profiles f, floor_sample s");
            s.execute("insert into identities (workspace_id, kind, value, profile_id, created_at) "
                    + "select 'floor', 'email', email, id, now() from floor_profiles "
                    + "union all select 'floor', 'user_id', user_id, id, now() from floor_profiles");
            s.execute("vacuum analyze");
        }
        Path script = Files.createTempFile("fold-floor", ".pgbench");
        try (InputStream in = FoldFloor.class.getResourceAsStream("fold-floor.pgbench")) {
            if (in == null) throw new IllegalStateException("fold-floor.pgbench is not on the classpath");
            Files.write(script, in.readAllBytes());
            return pgbench.tps(suite, DATABASE, script, CLIENTS, ProfileFoldBenchmark.THREADS, seconds) * EVENTS_PER_BATCH;
        } finally {
            Files.deleteIfExists(script);
            try (Connection c = floor(suite); Statement s = c.createStatement()) {
                s.execute("drop schema public cascade; create schema public"); // gives the disk back
            }
        }
    }

    private static Connection floor(Suite suite) throws SQLException {
        return DriverManager.getConnection(suite.postgres().jdbcUrl(DATABASE), Postgres.USER, Postgres.PASSWORD);
    }

    /** A profile the measured pass folded (its traits and state) and an event of its timeline, as the fold writes them. */
    private static void sample(Suite suite, String workspaceId, Connection floor) throws SQLException {
        try (Connection profile = SuiteDatabase.connect(suite, Service.PROFILE);
             PreparedStatement q = profile.prepareStatement("select p.traits::text, p.state::text, e.event::text from profiles p "
                     + "join profile_events e on e.profile_id = p.id where p.workspace_id = ? order by p.version desc, e.occurred_at desc limit 1")) {
            q.setString(1, workspaceId);
            try (ResultSet rs = q.executeQuery(); PreparedStatement i = floor.prepareStatement("insert into floor_sample values (?, ?, ?)")) {
                if (!rs.next()) throw new IllegalStateException("no folded profile in workspace " + workspaceId);
                for (int k = 1; k <= 3; k++) i.setString(k, rs.getString(k));
                i.executeUpdate();
            }
        }
    }

    /** profile-service's Flyway migrations, in version order. */
    static List<Path> migrations(Path root) throws IOException {
        Path dir = root.resolve("profile-service/src/main/resources/db/migration");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> VERSION.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(FoldFloor::version)).toList();
        }
    }

    private static int version(Path migration) {
        Matcher m = VERSION.matcher(migration.getFileName().toString());
        if (!m.matches()) throw new IllegalArgumentException(migration.toString());
        return Integer.parseInt(m.group(1));
    }
}
