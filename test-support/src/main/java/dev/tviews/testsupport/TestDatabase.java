package dev.tviews.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A database on the test server. The user is the server's admin (a superuser on the embedded and
 * Testcontainers servers; whatever {@code TVIEWS_TEST_USER} is on an external one).
 *
 * @param jdbcUrl            JDBC URL of this database (no credentials in it)
 * @param user               user name to connect with
 * @param password           password, empty when the server trusts local connections
 * @param name               the database name ({@code current_database()} once connected)
 * @param serverMajorVersion the server's major version, e.g. {@code 13} or {@code 18}
 */
public record TestDatabase(String jdbcUrl, String user, String password, String name, int serverMajorVersion) {

    /** Opens a new connection (auto-commit on, as JDBC defaults); the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, credentials(user, password));
    }

    static Properties credentials(String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    @Override
    public String toString() {
        return "TestDatabase[" + name + " at " + jdbcUrl + " as " + user + ", PostgreSQL " + serverMajorVersion + "]";
    }
}
