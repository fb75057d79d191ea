package dev.tviews.common.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import dev.tviews.testsupport.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@code @PostgresTest} class may rely on. Several subclasses run concurrently
 * (junit-platform.properties); each claims its database in a run-wide registry and writes a marker row, so a
 * database handed to two classes makes one of them fail.
 */
@PostgresTest
@ExtendWith(DatabaseRegistry.Resolver.class)
abstract class HarnessContract {

    @BeforeAll
    static void claimDatabase(TestDatabase database, DatabaseRegistry registry, TestInfo info) throws SQLException {
        String owner = info.getTestClass().orElseThrow().getName();
        registry.claim(database.name(), owner);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            // Plain CREATE TABLE: fails if another class already made this database its own.
            statement.execute("CREATE TABLE harness_marker (owner text NOT NULL)");
            statement.execute("INSERT INTO harness_marker VALUES ('" + owner + "')");
        }
    }

    @Test
    void connectsToItsOwnDatabase(TestDatabase database) throws SQLException {
        assertThat(single(database, "SELECT current_database()")).isEqualTo(database.name());
    }

    @Test
    void theDatabaseHoldsOnlyThisClassesMarker(TestDatabase database, TestInfo info) throws SQLException {
        assertThat(rows(database, "SELECT owner FROM harness_marker"))
                .containsExactly(info.getTestClass().orElseThrow().getName());
    }

    @Test
    void serverMajorIsTheOneAskedFor(TestDatabase database, TestServer server) throws SQLException {
        int major = Integer.parseInt(single(database, "SHOW server_version_num")) / 10000;
        assertThat(database.serverMajorVersion()).isEqualTo(major);
        String asked = System.getProperty("pg.version");
        if (server.kind() != TestServer.Kind.EXTERNAL && asked != null) {
            assertThat(major).as("-Dpg.version").isEqualTo(Integer.parseInt(asked));
        }
    }

    @Nested
    class NestedClass {

        @Test
        void seesTheSameDatabaseAsItsTopLevelClass(TestDatabase database, TestInfo info) throws SQLException {
            assertThat(single(database, "SELECT current_database()")).isEqualTo(database.name());
            // The top-level class (the enclosing instance's class) wrote the marker.
            assertThat(rows(database, "SELECT owner FROM harness_marker"))
                    .containsExactly(HarnessContract.this.getClass().getName());
        }
    }

    static String single(TestDatabase database, String sql) throws SQLException {
        List<String> rows = rows(database, sql);
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }

    static List<String> rows(TestDatabase database, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
