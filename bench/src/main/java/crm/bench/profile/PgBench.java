package crm.bench.profile;

import crm.e2e.Suite;
import crm.testing.Postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own benchmark (TPC-B-like, pgbench's default script) against the suite's server, in a scratch
 * database: the ceiling the profile fold is compared with. Scale factor = clients, as pgbench's documentation asks,
 * so the clients do not all queue on one branch row.
 */
public final class PgBench {
    private static final Pattern TPS = Pattern.compile("tps = ([0-9]+(?:\\.[0-9]+)?)");
    static final String DATABASE = "bench_pgbench";

    private final Path executable;

    private PgBench(Path executable) {
        this.executable = executable;
    }

    /** The pgbench on this machine; fails, saying what to install, when there is none. */
    public static PgBench onThisMachine() {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/pgbench")));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) candidates.add(Path.of(dir, "pgbench"));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(PgBench::new)
                .orElseThrow(() -> new IllegalStateException("pgbench is not installed: the profile fold benchmark "
                        + "compares with it. Install postgresql-client (Debian/Ubuntu: apt-get install postgresql-client)"));
    }

    /** @return transactions per second over {@code seconds} with {@code clients} clients on {@code threads} threads */
    public double tps(Suite suite, int clients, int threads, int seconds) throws IOException, InterruptedException {
        suite.postgres().createDatabase(DATABASE);
        int port = suite.postgres().port();
        run(port, DATABASE, List.of("-i", "-q", "-s", String.valueOf(clients)), 300);
        return tps(run(port, DATABASE, List.of("-c", String.valueOf(clients), "-j", String.valueOf(threads),
                "-T", String.valueOf(seconds)), seconds + 120));
    }

    /** Transactions per second of a custom script (pgbench -f, no vacuum) on an existing database. */
    public double tps(Suite suite, String database, Path script, int clients, int threads, int seconds)
            throws IOException, InterruptedException {
        return tps(run(suite.postgres().port(), database, List.of("-n", "-f", script.toString(), "-c", String.valueOf(clients),
                "-j", String.valueOf(threads), "-T", String.valueOf(seconds)), seconds + 120));
    }

    private static double tps(String out) {
        Matcher m = TPS.matcher(out);
        if (!m.find()) throw new IllegalStateException("no \"tps =\" in pgbench's output:\n" + out);
        return Double.parseDouble(m.group(1));
    }

    private String run(int port, String database, List<String> arguments, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-h", "127.0.0.1",
                "-p", String.valueOf(port), "-U", Postgres.USER));
        command.addAll(arguments);
        command.add(database);
        Path log = Files.createTempFile("pgbench", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("PGPASSWORD", Postgres.PASSWORD);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("pgbench did not finish in " + timeoutSeconds + " s: " + command);
            }
            String text = Files.readString(log);
            if (p.exitValue() != 0) throw new IllegalStateException("pgbench failed (" + p.exitValue() + "): " + command + "\n" + text);
            return text;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
