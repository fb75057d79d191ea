package dev.tviews.flyway;

import dev.tviews.testsupport.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Flyway set up against a test database, one schema per test, and small query helpers. */
final class FlywayFixture {

    static final String BLOG = "classpath:db/blog";

    private FlywayFixture() {
    }

    /** Flyway on {@code schema} (created by Flyway) with the given migration locations, no callbacks yet. */
    static FluentConfiguration configure(TestDatabase db, String schema, String... locations) {
        return Flyway.configure()
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .schemas(schema)
                .locations(locations);
    }

    /** The Flyway version on the test classpath (the compatibility matrix swaps it). */
    static String flywayVersion() {
        try (InputStream in = Flyway.class.getResourceAsStream("/META-INF/maven/org.flywaydb/flyway-core/pom.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A connection whose search_path is {@code schema}. */
    static Connection connect(TestDatabase db, String schema) throws SQLException {
        Connection c = db.connect();
        try (Statement st = c.createStatement()) {
            st.execute("SET search_path = \"" + schema + "\"");
        }
        return c;
    }

    static void exec(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    static long number(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String string(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static List<List<String>> rows(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Rows where a registered TVIEW differs from its view (0 when every TVIEW is exact). */
    static long staleRows(Connection c, String runtimeSchema) throws SQLException {
        return number(c, "SELECT COALESCE(sum(missing_rows + extra_rows + differing_rows), 0) FROM \"" + runtimeSchema
                + "\".pg_tviews_verify()");
    }

    /** entity -> status of the last run. */
    static List<List<String>> statuses(Reports reports) {
        return reports.last().results().stream()
                .map(r -> List.of(r.entity(), r.status().name()))
                .toList();
    }
}
