package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.InstallResult;
import dev.tviews.common.RuntimeInstaller;
import dev.tviews.common.RuntimeScript;
import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upgrades from the released runtimes, their install scripts kept as test resources
 * ({@code upgrade/tviews-runtime-<version>.sql.txt}): TVIEWs registered and written under the old runtime are
 * derived again by this one (lineage from the analysed query, new code) and stay exact, then the oracle's random
 * writes run on the upgraded database. The upgrade steps leave the runtime's catalog and functions as a fresh
 * install makes them, through RuntimeInstaller and through the psql script alike. Each upgrade happens in a
 * schema of its own (first on search_path). Seeded: {@code -Dtviews.upgrade.seed=<seed>}.
 */
@PostgresTest
class UpgradeTest {

    private static final int STATEMENTS = Integer.getInteger("tviews.upgrade.statements", 1_500);
    private static final String FRESH = "fresh_runtime";

    @ParameterizedTest(name = "from {0}")
    @ValueSource(strings = {"0.1.0", "0.2.0", "0.3.0"})
    void tviewsRegisteredUnderAReleasedRuntimeStayExactAfterTheUpgrade(String release, TestDatabase db) throws Exception {
        long seed = OracleSchema.seed("UpgradeTest", "tviews.upgrade.seed", "from=" + release + " statements=" + STATEMENTS);
        Random random = new Random(seed);
        RandomStatements statements = new RandomStatements(random, db.serverMajorVersion() >= 15);
        try (Connection c = db.connect()) {
            List<String> fresh = freshShape(c);
            String schema = "from_" + release.replace('.', '_');
            installRelease(c, schema, release);
            registerAndWrite(c, statements);

            InstallResult upgrade = new RuntimeInstaller(c).install();
            assertThat(upgrade.action()).isEqualTo(InstallResult.Action.UPGRADED);
            assertThat(upgrade.previousVersion()).isEqualTo(release);
            assertThat(Jdbc.string(c, "SELECT pg_tviews_version()")).isEqualTo(upgrade.version());
            assertThat(shape(c, schema)).as("the runtime upgraded from %s, beside a fresh install", release)
                    .containsExactlyElementsOf(fresh);
            assertThat(Jdbc.string(c, "SELECT count(*) FROM pg_tview_source WHERE refresh_mode = 'incremental' AND walks IS NULL"))
                    .as("every incremental relation has walks derived by the new runtime").isEqualTo("0");
            assertThat(staleTViews(c)).as("right after the upgrade").isEmpty();

            for (int i = 0; i < STATEMENTS; i++) {
                String sql = statements.next();
                StatementRunner.run(c, sql);
                assertThat(staleTViews(c)).as("seed %d, statement %d after the upgrade: %s", seed, i, sql).isEmpty();
            }
            System.out.printf("UpgradeTest: seed=%d %s -> %s, %d statements after the upgrade, every TVIEW exact after each%n",
                    seed, release, upgrade.version(), STATEMENTS);
        }
    }

    @Test
    void thePsqlScriptUpgradesTheLastRelease(TestDatabase db) throws Exception {
        long seed = OracleSchema.seed("UpgradeTest", "tviews.upgrade.seed", "psql script from 0.2.0");
        RandomStatements statements = new RandomStatements(new Random(seed), db.serverMajorVersion() >= 15);
        try (Connection c = db.connect()) {
            List<String> fresh = freshShape(c);
            installRelease(c, "psql_from_0_2_0", "0.2.0");
            registerAndWrite(c, statements);

            // what psql runs, minus its meta-command
            exec(c, RuntimeScript.load().psqlScript().replace("\\set ON_ERROR_STOP on\n", ""));
            assertThat(Jdbc.string(c, "SELECT pg_tviews_version()")).isEqualTo(new RuntimeInstaller(c).version());
            assertThat(lines(c, "SELECT attrelid::regclass::text || '.' || attname FROM pg_attribute "
                    + "WHERE attrelid IN ('pg_tview_meta'::regclass, 'pg_tview_source'::regclass) "
                    + "AND attname IN ('search_path', 'walks', 'reason') ORDER BY 1"))
                    .containsExactly("pg_tview_meta.search_path", "pg_tview_source.reason", "pg_tview_source.walks");
            assertThat(shape(c, "psql_from_0_2_0")).as("the runtime upgraded by the psql script, beside a fresh install")
                    .containsExactlyElementsOf(fresh);
            assertThat(staleTViews(c)).as("right after the upgrade").isEmpty();
            for (int i = 0; i < 200; i++) {
                String sql = statements.next();
                StatementRunner.run(c, sql);
                assertThat(staleTViews(c)).as("seed %d, statement %d after the upgrade: %s", seed, i, sql).isEmpty();
            }
        }
    }

    /** Installs the released runtime {@code release} into a new {@code schema}, which the connection then uses. */
    private static void installRelease(Connection c, String schema, String release) throws SQLException, IOException {
        exec(c, "CREATE SCHEMA " + schema, "SET search_path = " + schema);
        c.setAutoCommit(false);
        exec(c, releasedRuntime(release));
        c.commit();
        c.setAutoCommit(true);
        assertThat(Jdbc.string(c, "SELECT pg_tviews_version()")).isEqualTo(release);
    }

    /** The oracle's tables and TVIEWs, and random writes that leave every TVIEW exact. */
    private static void registerAndWrite(Connection c, RandomStatements statements) throws SQLException {
        exec(c, OracleSchema.TABLES);
        for (String[] tview : OracleSchema.TVIEWS) {
            exec(c, "SELECT pg_tviews_create('" + tview[0] + "', $q$" + tview[1] + "$q$)");
        }
        for (int i = 0; i < 200; i++) {
            StatementRunner.run(c, statements.next());
        }
        assertThat(staleTViews(c)).as("under the released runtime").isEmpty();
    }

    /** The shape of the current runtime installed afresh into a schema of its own (the connection's search_path is kept). */
    private static List<String> freshShape(Connection c) throws SQLException {
        exec(c, "CREATE SCHEMA IF NOT EXISTS " + FRESH);
        new RuntimeInstaller(c).install(FRESH);
        return shape(c, FRESH);
    }

    /**
     * The runtime's functions (signature, result), catalog relations (tables, views, indexes, sequences), columns,
     * constraints and triggers in {@code schema}, without the schema's name: what the upgrade steps and the
     * definitions must leave the same as a fresh install.
     */
    private static List<String> shape(Connection c, String schema) throws SQLException {
        String namespace = "'" + schema + "'::regnamespace";
        List<String> shape = new ArrayList<>(lines(c, "SELECT replace('function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) "
                + "|| ') ' || p.prokind::text || ' ' || pg_get_function_result(p.oid), '" + schema + ".', '') FROM pg_proc p "
                + "WHERE p.pronamespace = " + namespace + " AND p.proname ~ '^(pg_tviews_|_tviews_)' ORDER BY 1"));
        shape.addAll(lines(c, "SELECT 'relation ' || k.relname || ' ' || k.relkind::text || ' ' || "
                + "coalesce(replace(pg_get_indexdef(k.oid), '" + schema + ".', ''), '') FROM pg_class k "
                + "WHERE k.relnamespace = " + namespace + " AND k.relname LIKE 'pg\\_tview%' ORDER BY 1"));
        shape.addAll(lines(c, "SELECT 'column ' || k.relname || ' ' || a.attnum || ' ' || a.attname || ' ' "
                + "|| format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') "
                + "FROM pg_class k JOIN pg_attribute a ON a.attrelid = k.oid AND a.attnum > 0 AND NOT a.attisdropped "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = k.oid AND d.adnum = a.attnum "
                + "WHERE k.relnamespace = " + namespace + " AND k.relname LIKE 'pg\\_tview%' AND k.relkind IN ('r', 'v') ORDER BY 1"));
        shape.addAll(lines(c, "SELECT 'constraint ' || k.relname || ' ' || replace(pg_get_constraintdef(o.oid), '" + schema + ".', '') "
                + "FROM pg_constraint o JOIN pg_class k ON k.oid = o.conrelid "
                + "WHERE k.relnamespace = " + namespace + " AND k.relname LIKE 'pg\\_tview%' ORDER BY 1"));
        shape.addAll(lines(c, "SELECT 'trigger ' || k.relname || ' ' || t.tgname FROM pg_trigger t JOIN pg_class k ON k.oid = t.tgrelid "
                + "WHERE k.relnamespace = " + namespace + " AND k.relname LIKE 'pg\\_tview%' AND NOT t.tgisinternal ORDER BY 1"));
        return shape;
    }

    private static String releasedRuntime(String release) throws IOException {
        String resource = "/upgrade/tviews-runtime-" + release + ".sql.txt";
        try (InputStream in = UpgradeTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("the %s install script among the test resources (%s)", release, resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
