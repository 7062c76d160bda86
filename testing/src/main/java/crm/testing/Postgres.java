package crm.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server from the embedded binaries on Maven Central (zonky). With a data directory it keeps its
 * data between starts (the local run); without, it starts empty in a temp folder (tests).
 */
public final class Postgres implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final Path dataDirectory;
    private EmbeddedPostgres server;

    private Postgres(EmbeddedPostgres server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    public static Postgres start(int port, Path dataDirectory) {
        return new Postgres(launch(port, dataDirectory), dataDirectory);
    }

    private static EmbeddedPostgres launch(int port, Path dataDirectory) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", dataDirectory == null ? "off" : "on");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    /**
     * Stops the server (pg_ctl stop: open connections are cut, as in a failover or a restart by the operator) and starts
     * it again on the same port and data directory, for fault tests. Only a server with a kept data directory can.
     */
    public void restart() {
        if (dataDirectory == null) throw new IllegalStateException("a server without a data directory loses its data on restart");
        int port = port();
        close();
        server = launch(port, dataDirectory);
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database unless it exists. */
    public void createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) throw new IllegalArgumentException("database name " + name);
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!rs.next()) s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
