package dev.tviews.common.runtime;

import dev.tviews.common.RuntimeInstaller;
import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.TestDatabase;
import dev.tviews.testsupport.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * The login roles of one test class. Roles are cluster-wide, so each is named {@code <prefix>_<role>_<suffix>} with a
 * random suffix; all share one password. The first role is the owner: it may create in public.
 *
 * @param prefix the test's prefix, e.g. tvpriv
 * @param roles  the roles' short names, the owner first
 * @param suffix what makes the names unique
 */
record TestRoles(String prefix, List<String> roles, String suffix) {

    /** Roles with a new random suffix. */
    static TestRoles unique(String prefix, String... roles) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        return new TestRoles(prefix, List.of(roles), suffix);
    }

    /** The full name of the role {@code role} (a short name). */
    String name(String role) {
        return prefix + "_" + role + "_" + suffix;
    }

    /** Every role's full name. */
    List<String> names() {
        return roles.stream().map(this::name).toList();
    }

    String password() {
        return "pw_" + suffix;
    }

    /**
     * Creates the roles, running {@code extra} on the admin connection after them, and lets the owner create in public
     * (PostgreSQL 15+ no longer lets every role do so).
     */
    void create(TestServer server, TestDatabase db, String... extra) throws SQLException {
        try (Connection admin = server.connectAdmin()) {
            for (String role : names()) {
                Jdbc.exec(admin, "CREATE ROLE " + role + " LOGIN PASSWORD '" + password() + "'");
            }
            Jdbc.exec(admin, extra);
        }
        try (Connection admin = db.connect()) {
            Jdbc.exec(admin, "GRANT CREATE ON SCHEMA public TO " + name(roles.get(0)));
        }
    }

    /** Drops what the roles own in the test database, then the roles. */
    void drop(TestServer server, TestDatabase db) throws SQLException {
        RuntimeFixture.dropRoles(server, db, names());
    }

    /** A connection as the owner (the first role), with the runtime installed by it: the owner owns the runtime. */
    Connection connectOwnerWithRuntime(TestDatabase db) throws SQLException {
        Connection owner = connect(db, name(roles.get(0)));
        new RuntimeInstaller(owner).install();
        return owner;
    }

    /** A connection to the test database as the role with this full name. */
    Connection connect(TestDatabase db, String fullName) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", fullName);
        p.setProperty("password", password());
        return DriverManager.getConnection(db.jdbcUrl(), p);
    }
}
