package dev.tviews.common.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tviews.common.RuntimeInstaller;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * The native pg_tviews extension's SQL tests that use the shared API, restated in our own words
 * as scenarios under {@code src/test/resources/compat/} (see docs/compatibility-native.md for the
 * mapping and the differences). Each scenario runs in a fresh database with the runtime installed,
 * statement by statement; after every statement every registered TVIEW must equal its view
 * compared as text multisets, and each statement's written expectations (rows or SQLSTATE) must hold.
 */
@PostgresTest
class NativeScenarioTest {

    /** The settings TVIEW rows are computed with; the oracle reads the views with the same ones. */
    private static final String[] FIXED_SETTINGS = {
        "SET TimeZone = 'UTC'", "SET DateStyle = 'ISO, MDY'", "SET IntervalStyle = 'postgres'", "SET extra_float_digits = 1"};

    static Stream<String> scenarios() throws IOException, URISyntaxException {
        URL dir = NativeScenarioTest.class.getResource("/compat");
        assertThat(dir).as("src/test/resources/compat on the test classpath").isNotNull();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".sql")).sorted().toList();
            assertThat(names).as("scenario files").isNotEmpty();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioKeepsEveryTViewExact(String file, TestServer server) throws Exception {
        ScenarioScript script = ScenarioScript.parse(file, read(file));
        assumeTrue(server.majorVersion() >= script.minServerMajor(),
                () -> file + " needs PostgreSQL " + script.minServerMajor() + " or newer");
        String database = "compat_" + file.replaceAll("[^a-z0-9]", "_");
        try (Connection admin = server.connectAdmin(); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database);
            st.execute("CREATE DATABASE " + database + " TEMPLATE template0 ENCODING 'UTF8'");
        }
        try (Connection c = server.database(database).connect()) {
            new RuntimeInstaller(c).install();
            exec(c, FIXED_SETTINGS);
            int checks = 0;
            for (ScenarioScript.Step step : script.steps()) {
                run(c, file, step);
                checks += assertEveryTViewExact(c, file, step);
            }
            assertThat(checks).as("%s: TVIEW comparisons made", file).isPositive();
            System.out.printf("NativeScenarioTest: %s: %d statements, %d TVIEW comparisons, all exact%n", file, script.steps().size(), checks);
        } finally {
            try (Connection admin = server.connectAdmin(); Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    private static String read(String file) throws IOException {
        try (InputStream in = NativeScenarioTest.class.getResourceAsStream("/compat/" + file)) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void run(Connection c, String file, ScenarioScript.Step step) throws SQLException {
        String where = file + ":" + step.line() + ": " + step.sql();
        if (step.expectedState() != null) {
            boolean inTransaction = c.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
            if (inTransaction) {
                exec(c, "SAVEPOINT compat_expected_error");
            }
            String state = null;
            try (Statement st = c.createStatement()) {
                st.execute(step.sql());
            } catch (SQLException e) {
                state = e.getSQLState();
            }
            if (inTransaction) {
                exec(c, "ROLLBACK TO SAVEPOINT compat_expected_error", "RELEASE SAVEPOINT compat_expected_error");
            }
            assertThat(state).as("%s: SQLSTATE", where).isEqualTo(step.expectedState());
            return;
        }
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            boolean hasRows = st.execute(step.sql());
            if (hasRows) {
                try (ResultSet rs = st.getResultSet()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            String v = rs.getString(i);
                            row.append(i > 1 ? "|" : "").append(v == null ? "<null>" : v);
                        }
                        rows.add(row.toString());
                    }
                }
            }
        } catch (SQLException e) {
            fail("%s failed: %s (SQLSTATE %s)", where, e.getMessage(), e.getSQLState());
        }
        if (step.checksRows()) {
            assertThat(rows).as("%s: rows", where).containsExactlyElementsOf(step.expectedRows());
        }
    }

    /**
     * Compares every registered sync TVIEW with its view as text multisets (the rows of each side
     * that the other lacks, counting repeats); returns how many TVIEWs were compared. Nothing is
     * compared while the transaction suspended maintenance (bulk mode is exact again at resume).
     */
    private static int assertEveryTViewExact(Connection c, String file, ScenarioScript.Step step) throws SQLException {
        if (c.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED
                || "true".equals(string(c, "SELECT pg_tviews_is_suspended()::text"))) {
            return 0;
        }
        List<String[]> tviews = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT entity_name, format('%I.%I', schema_name, 'tv_' || entity_name), format('%I.%I', schema_name, 'v_' || entity_name) "
                        + "FROM pg_tview_meta WHERE coalesce(options->>'mode', 'sync') = 'sync' ORDER BY 1")) {
            while (rs.next()) {
                tviews.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        int compared = 0;
        for (String[] t : tviews) {
            if (string(c, "SELECT to_regclass('" + t[1].replace("'", "''") + "') IS NOT NULL AND to_regclass('"
                    + t[2].replace("'", "''") + "') IS NOT NULL")
                    .equals("f")) {
                continue; // a registration whose table or view was dropped underneath: the scenario asserts on it itself
            }
            String columns = string(c, "SELECT string_agg(format('x.%I', attname), ', ' ORDER BY attnum) FROM pg_attribute "
                    + "WHERE attrelid = '" + t[2].replace("'", "''") + "'::regclass AND attnum > 0 AND NOT attisdropped");
            String sql = "(SELECT 'view only: ' || ROW(" + columns + ")::text FROM " + t[2] + " x EXCEPT ALL SELECT 'view only: ' || ROW("
                    + columns + ")::text FROM " + t[1] + " x) UNION ALL (SELECT 'table only: ' || ROW(" + columns + ")::text FROM " + t[1]
                    + " x EXCEPT ALL SELECT 'table only: ' || ROW(" + columns + ")::text FROM " + t[2] + " x) LIMIT 6";
            List<String> differences = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    differences.add(rs.getString(1));
                }
            }
            if (!differences.isEmpty()) {
                fail("%s:%d: after `%s`, tv_%s differs from its view: %s", file, step.line(), step.sql(), t[0], differences);
            }
            compared++;
        }
        return compared;
    }

    private static String string(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void exec(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }
}
