package dev.tviews.flyway;

import dev.tviews.testsupport.Blog;
import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Flyway set up against a test database, one schema per test, and small query helpers. */
final class FlywayFixture {

    static final String BLOG = Blog.MIGRATIONS;

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





    /** Rows where a registered TVIEW differs from its view (0 when every TVIEW is exact). */
    static long staleRows(Connection c, String runtimeSchema) throws SQLException {
        return Jdbc.number(c, "SELECT COALESCE(sum(missing_rows + extra_rows + differing_rows), 0) FROM \"" + runtimeSchema
                + "\".pg_tviews_verify()");
    }

    /** entity -> status of the last run. */
    static List<List<String>> statuses(Reports reports) {
        return reports.last().results().stream()
                .map(r -> List.of(r.entity(), r.status().name()))
                .toList();
    }
}
