package dev.tviews.common.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.RuntimeInstaller;
import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.TestDatabase;
import dev.tviews.testsupport.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small helpers shared by the runtime tests: install, run SQL, read results, check the oracle. */
final class RuntimeFixture {

    private RuntimeFixture() {
    }

    /** Installs the runtime in public and runs {@code sql}, statement after statement, on a connection of its own. */
    static void setUp(TestDatabase db, String... sql) throws SQLException {
        try (Connection c = connectWithRuntime(db)) {
            Jdbc.exec(c, sql);
        }
    }

    /** Opens a connection to the test database with the runtime installed in public. */
    static Connection connectWithRuntime(TestDatabase db) throws SQLException {
        Connection c = db.connect();
        new RuntimeInstaller(c).install();
        return c;
    }

    /**
     * Empties the tables with {@code clearTables}, then the TVIEWs (refresh_all) and the queue: each test of the
     * async queue starts with nothing written and nothing pending.
     */
    static void clearDataAndQueue(TestDatabase db, String clearTables) throws SQLException {
        Jdbc.exec(db, clearTables, "SELECT pg_tviews_refresh_all()", "DELETE FROM pg_tview_queue");
    }

    /** What a registration leaves behind (registrations, sources, audit, v_/tv_ relations, generated functions), to show a refusal changed nothing. */
    static List<String> catalogSnapshot(Connection c) throws SQLException {
        return Jdbc.lines(c, """
                SELECT 'meta ' || entity_name FROM pg_tview_meta
                UNION ALL SELECT 'source ' || entity_name || ' ' || source_oid::text FROM pg_tview_source
                UNION ALL SELECT 'audit ' || count(*) FROM pg_tview_meta_audit
                UNION ALL SELECT 'rel ' || relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname ~ '^(v|tv)_'
                UNION ALL SELECT 'fn ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND proname LIKE 'tviews\\_%'
                ORDER BY 1""");
    }

    /** TVIEWs that differ from their views, as "entity: missing/extra/differing"; empty when all are exact. */
    static List<String> staleTViews(Connection c) throws SQLException {
        List<String> stale = new ArrayList<>();
        for (List<String> r : Jdbc.rows(c, "SELECT entity, missing_rows, extra_rows, differing_rows FROM pg_tviews_verify() "
                + "WHERE missing_rows + extra_rows + differing_rows > 0")) {
            stale.add(r.get(0) + ": missing " + r.get(1) + ", extra " + r.get(2) + ", differing " + r.get(3));
        }
        return stale;
    }

    /**
     * The error {@code sql} raises (text parameters bound in order, so that hostile input reaches the
     * server as data), or null when it succeeds.
     */
    static SQLException error(Connection c, String sql, String... params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            ps.execute();
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    /** The message of the error {@code sql} must raise with {@code sqlState}; fails when it succeeds or raises another. */
    static String errorMessage(Connection c, String sqlState, String sql) {
        SQLException e = error(c, sql);
        assertThat((Object) e).as("error of %s", sql).isNotNull();
        assertThat(e.getSQLState()).as("SQLSTATE of %s (%s)", sql, e.getMessage()).isEqualTo(sqlState);
        return e.getMessage();
    }

    /** The SQLSTATE of the error {@code sql} raises, or null when it succeeds. */
    static String sqlState(Connection c, String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
            return null;
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    /** Drops what {@code roles} own in the test database, then the roles (they are cluster-wide). */
    static void dropRoles(TestServer server, TestDatabase db, List<String> roles) throws SQLException {
        try (Connection admin = db.connect()) {
            Jdbc.exec(admin, "DROP OWNED BY " + String.join(", ", roles) + " CASCADE");
        } finally {
            try (Connection admin = server.connectAdmin()) {
                for (String role : roles) {
                    Jdbc.exec(admin, "DROP ROLE IF EXISTS " + role);
                }
            }
        }
    }
}
