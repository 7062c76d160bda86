package crm.bench.profile;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A COPY ... FROM STDIN in PostgreSQL's text format, streamed in chunks: how the benchmarks load a service's tables
 * with what the service would have written, fast. Values must hold no tab, newline or backslash.
 */
public final class TableCopy implements AutoCloseable {
    private final CopyIn in;
    private final StringBuilder buffer = new StringBuilder(1 << 20);
    private long rows;

    public TableCopy(Connection c, String sql) throws SQLException {
        in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    }

    /** One row, its values in the order of the COPY's columns; null is SQL NULL. */
    public void row(Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) buffer.append('\t');
            buffer.append(values[i] == null ? "\\N" : values[i].toString());
        }
        buffer.append('\n');
        rows++;
        if (buffer.length() > (1 << 20) - 4096) flush();
    }

    private void flush() throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    public long rows() {
        return rows;
    }

    /** Ends the COPY; with auto-commit, the rows are committed when this returns. */
    @Override
    public void close() throws SQLException {
        flush();
        in.endCopy();
    }
}
