package dev.tviews.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@PostgresTest
class PostgresExtensionTest {

    private static TestDatabase fromBeforeAll;

    private final TestDatabase fromConstructor;
    private TestDatabase fromBeforeEach;

    PostgresExtensionTest(TestDatabase database) {
        this.fromConstructor = database;
    }

    @BeforeAll
    static void databaseStartsEmpty(TestDatabase database) throws SQLException {
        fromBeforeAll = database;
        assertThat(queryLong(database, "SELECT count(*) FROM pg_catalog.pg_class "
                + "WHERE relnamespace = 'public'::regnamespace")).isZero();
    }

    @BeforeEach
    void remember(TestDatabase database) {
        fromBeforeEach = database;
    }

    @Test
    void everyInjectionPointGetsTheSameDatabase(TestDatabase database) {
        assertThat(database).isEqualTo(fromConstructor).isEqualTo(fromBeforeEach).isEqualTo(fromBeforeAll);
    }

    @Test
    void connectsToItsOwnDatabase(TestDatabase database) throws SQLException {
        assertThat(queryString(database, "SELECT current_database()")).isEqualTo(database.name());
        assertThat(queryString(database, "SELECT current_user")).isEqualTo(database.user());
        assertThat(database.name()).startsWith("tv_postgresextensiontest_");
        assertThat(queryString(database, "SELECT pg_catalog.pg_encoding_to_char(encoding) FROM pg_catalog.pg_database "
                + "WHERE datname = current_database()")).isEqualTo("UTF8");
    }

    @Test
    void eachConnectIsANewSession(TestDatabase database) throws SQLException {
        try (Connection first = database.connect(); Connection second = database.connect()) {
            assertThat(pid(first)).isNotEqualTo(pid(second));
        }
    }

    @Test
    void serverMajorIsTheOneAskedFor(TestDatabase database, TestServer server) throws SQLException {
        long major = queryLong(database, "SELECT current_setting('server_version_num')::int / 10000");
        assertThat(database.serverMajorVersion()).isEqualTo(major).isEqualTo(server.majorVersion());
        String asked = System.getProperty("pg.version");
        if (server.kind() != TestServer.Kind.EXTERNAL && asked != null) {
            assertThat(major).isEqualTo(Long.parseLong(asked));
        }
    }

    @Test
    void adminCanCreateRolesAndDatabases(TestServer server) throws SQLException {
        String name = RunningServer.databaseName(PostgresExtensionTest.class) + "_extra";
        String role = name + "_role";
        try (Connection admin = server.connectAdmin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + role + " LOGIN");
            statement.execute("CREATE DATABASE " + name + " TEMPLATE template0 OWNER " + role);
            try {
                TestDatabase extra = server.database(name);
                assertThat(queryString(extra, "SELECT current_database()")).isEqualTo(name);
                assertThat(queryString(extra, "SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_catalog.pg_database "
                        + "WHERE datname = current_database()")).isEqualTo(role);
            } finally {
                statement.execute("DROP DATABASE " + name + " WITH (FORCE)");
                statement.execute("DROP ROLE " + role);
            }
        }
    }

    @Test
    void connectFailsClearlyForAMissingDatabase(TestServer server) {
        TestDatabase missing = server.database("tv_does_not_exist_anywhere");
        assertThatThrownBy(missing::connect)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("tv_does_not_exist_anywhere");
    }

    @Nested
    class NestedClasses {

        @Test
        void shareTheDatabaseOfTheirTopLevelClass(TestDatabase database) throws SQLException {
            assertThat(database).isEqualTo(fromConstructor);
            assertThat(queryString(database, "SELECT current_database()")).isEqualTo(fromConstructor.name());
        }
    }

    private static int pid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static String queryString(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return rs.getString(1);
        }
    }

    static long queryLong(TestDatabase database, String sql) throws SQLException {
        return Long.parseLong(queryString(database, sql));
    }
}
