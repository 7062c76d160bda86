package crm.bench.profile;

import crm.e2e.Service;
import crm.e2e.Suite;
import crm.testing.Postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Plain JDBC into a service's own database, to load data the way the service keeps it and to see its work land. */
public final class SuiteDatabase {
    private SuiteDatabase() {
    }

    public static Connection connect(Suite suite, Service service) throws SQLException {
        return DriverManager.getConnection(suite.postgres().jdbcUrl(service.database), Postgres.USER, Postgres.PASSWORD);
    }

    /** The single number a query answers (a count). */
    public static long number(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) ps.setObject(i + 1, parameters[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
