package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.lines;
import static dev.tviews.testsupport.Jdbc.number;
import static dev.tviews.testsupport.Jdbc.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tviews.common.InstallResult;
import dev.tviews.common.RuntimeInstaller;
import dev.tviews.common.RuntimeScript;
import dev.tviews.common.TViewsException;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import dev.tviews.testsupport.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Installing the runtime: the same version twice is a no-op, concurrent installers are serialized, a
 * re-install or an upgrade keeps registrations and rows (and regenerates code on upgrade), a version no chain of
 * upgrade steps starts from is refused (by the installer and by the psql script) leaving it as it was, a missing schema
 * is named in the error, another schema works, and the build writes the psql script. Each test installs
 * into a scratch database of its own.
 */
@PostgresTest
class InstallTest {

    /** The version the runtime script declares (finish.sql), as RuntimeInstaller reads it. */
    private static final String VERSION = declaredVersion();
    /** The newest version this one upgrades. */
    private static final String PREVIOUS = RuntimeScript.load().upgradePath().upgradable().stream().reduce((a, b) -> b).orElseThrow();

    private final List<String> scratchDatabases = new ArrayList<>();
    private TestServer server;

    @AfterEach
    void dropScratchDatabases() throws SQLException {
        if (server == null) {
            return;
        }
        try (Connection admin = server.connectAdmin()) {
            for (String name : scratchDatabases) {
                exec(admin, "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            }
        }
        scratchDatabases.clear();
    }

    @Test
    void installingTheSameVersionTwiceChangesNothing(TestServer server, TestDatabase db) throws SQLException {
        TestDatabase scratch = scratch(server, db, "twice");
        try (Connection c = scratch.connect()) {
            InstallResult first = new RuntimeInstaller(c).install();
            assertThat(first.action()).isEqualTo(InstallResult.Action.INSTALLED);
            assertThat(first.previousVersion()).isNull();
            assertThat(first.schema()).isEqualTo("public");
            assertThat(first.version()).isEqualTo(VERSION);
            List<String> before = runtimeState(c);

            InstallResult second = new RuntimeInstaller(c).install();
            assertThat(second.action()).isEqualTo(InstallResult.Action.UNCHANGED);
            assertThat(second.previousVersion()).isEqualTo(VERSION);
            assertThat(runtimeState(c)).isEqualTo(before);
            assertThat(string(c, "SELECT upgraded_at::text FROM pg_tview_runtime")).isNull();
            assertThat(string(c, "SELECT pg_tviews_version()")).isEqualTo(VERSION);
        }
    }

    @Test
    void concurrentInstallersAreSerialized(TestServer server, TestDatabase db) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                TestDatabase scratch = scratch(server, db, "conc" + round);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<InstallResult>> installs = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    installs.add(pool.submit(() -> {
                        try (Connection c = scratch.connect()) {
                            c.isValid(5);
                            together.await(30, TimeUnit.SECONDS);
                            return new RuntimeInstaller(c).install();
                        }
                    }));
                }
                List<InstallResult.Action> actions = new ArrayList<>();
                for (Future<InstallResult> install : installs) {
                    actions.add(install.get(120, TimeUnit.SECONDS).action());
                }
                assertThat(actions).as("round %d", round)
                        .containsExactlyInAnyOrder(InstallResult.Action.INSTALLED, InstallResult.Action.UNCHANGED);
                try (Connection c = scratch.connect()) {
                    assertThat(lines(c, "SELECT version, schema_name FROM pg_tview_runtime")).containsExactly(VERSION + "|public");
                    registerXAndY(c);
                    assertThat(staleTViews(c)).isEmpty();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void registrationsAndRowsSurviveAReinstall(TestServer server, TestDatabase db) throws SQLException {
        try (Connection c = withXAndY(server, db, "again")) {
            List<String> registrations = registrations(c);
            List<String> rows = tvRows(c);

            assertThat(new RuntimeInstaller(c).install().action()).isEqualTo(InstallResult.Action.UNCHANGED);
            assertThat(registrations(c)).isEqualTo(registrations);
            assertThat(tvRows(c)).isEqualTo(rows);

            // running the whole script again by hand (as psql -f would) keeps them as well
            c.setAutoCommit(false);
            exec(c, RuntimeScript.load().text());
            c.commit();
            c.setAutoCommit(true);
            assertThat(registrations(c)).isEqualTo(registrations);
            assertThat(tvRows(c)).isEqualTo(rows);
            assertMaintained(c);
        }
    }

    @Test
    void anOlderVersionIsUpgradedInPlace(TestServer server, TestDatabase db) throws SQLException {
        try (Connection c = withXAndY(server, db, "upgrade")) {
            List<String> registrations = registrations(c);
            List<String> rows = tvRows(c);
            List<String> tables = lines(c, "SELECT oid FROM pg_class WHERE relname IN ('tv_x', 'tv_y') ORDER BY relname");
            List<String> generated = generatedFunctionOids(c);
            assertThat(generated).hasSize(16);
            String installedAt = string(c, "SELECT installed_at::text FROM pg_tview_runtime");

            // the previous release's upgrade steps tolerate what this version already has
            exec(c, "UPDATE pg_tview_runtime SET version = '" + PREVIOUS + "'");
            InstallResult upgrade = new RuntimeInstaller(c).install();
            assertThat(upgrade.action()).isEqualTo(InstallResult.Action.UPGRADED);
            assertThat(upgrade.previousVersion()).isEqualTo(PREVIOUS);
            assertThat(upgrade.version()).isEqualTo(VERSION);
            assertThat(lines(c, "SELECT version, installed_at::text, upgraded_at IS NOT NULL FROM pg_tview_runtime"))
                    .containsExactly(VERSION + "|" + installedAt + "|t");

            assertThat(registrations(c)).isEqualTo(registrations);
            assertThat(tvRows(c)).isEqualTo(rows);
            assertThat(lines(c, "SELECT oid FROM pg_class WHERE relname IN ('tv_x', 'tv_y') ORDER BY relname")).isEqualTo(tables);
            // the generated code was regenerated by this version: every function is new and says so
            List<String> regenerated = generatedFunctionOids(c);
            assertThat(regenerated).hasSize(16).doesNotContainAnyElementsOf(generated);
            assertThat(number(c, "SELECT count(*) FROM pg_tview_meta m, unnest(m.generated_functions) f "
                    + "WHERE position('-- Generated by tviews " + VERSION + " ' IN pg_get_functiondef(to_regprocedure(f))) > 0"))
                    .isEqualTo(16);
            assertThat(lines(c, "SELECT status || ' ' || component FROM pg_tviews_health_check() WHERE status <> 'OK'")).isEmpty();
            assertMaintained(c);
            // and the same version again is a no-op
            assertThat(new RuntimeInstaller(c).install().action()).isEqualTo(InstallResult.Action.UNCHANGED);
            assertThat(generatedFunctionOids(c)).isEqualTo(regenerated);
        }
    }

    @Test
    void aVersionWithoutAnUpgradeIsRefusedAndNothingChanges(TestServer server, TestDatabase db) throws SQLException {
        try (Connection c = withXAndY(server, db, "nopath")) {
            for (String installed : List.of("0.0.1", "99.0.0")) {
                exec(c, "UPDATE pg_tview_runtime SET version = '" + installed + "'");
                List<String> before = runtimeState(c);
                assertThatThrownBy(() -> new RuntimeInstaller(c).install())
                        .isExactlyInstanceOf(TViewsException.class)
                        .hasMessageContaining("(" + installed + ")").hasMessageContaining("runtime " + VERSION);
                assertThat(runtimeState(c)).isEqualTo(before);
                assertThat(c.getAutoCommit()).isTrue();
                // the psql script refuses it as well
                assertThatThrownBy(() -> exec(c, RuntimeScript.load().text()))
                        .hasMessageContaining("the installed runtime (" + installed + ") is one this script (runtime " + VERSION + ") cannot upgrade");
                assertThat(runtimeState(c)).isEqualTo(before);
            }
        }
    }

    @Test
    void aMissingSchemaIsNamedAndNothingIsInstalled(TestServer server, TestDatabase db) throws SQLException {
        TestDatabase scratch = scratch(server, db, "noschema");
        try (Connection c = scratch.connect()) {
            assertThatThrownBy(() -> new RuntimeInstaller(c).install("nosuch_schema"))
                    .isInstanceOf(TViewsException.class)
                    .hasMessageContaining("nosuch_schema");
            exec(c, "SET search_path = nosuch_schema");
            assertThatThrownBy(() -> new RuntimeInstaller(c).install()).isInstanceOf(TViewsException.class)
                    .hasMessageContaining("search_path");
            exec(c, "RESET search_path");
            assertThat(number(c, "SELECT count(*) FROM pg_class WHERE relname LIKE 'pg\\_tview\\_%'")).isZero();
            assertThat(number(c, "SELECT count(*) FROM pg_proc WHERE proname LIKE '%tviews\\_%'")).isZero();
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    @Test
    void theRuntimeWorksFromAnotherSchema(TestServer server, TestDatabase db) throws SQLException {
        TestDatabase scratch = scratch(server, db, "schema");
        try (Connection c = scratch.connect()) {
            exec(c, "CREATE SCHEMA tviews");
            InstallResult result = new RuntimeInstaller(c).install("tviews");
            assertThat(result.action()).isEqualTo(InstallResult.Action.INSTALLED);
            assertThat(result.schema()).isEqualTo("tviews");
            assertThat(string(c, "SELECT current_setting('search_path')")).isEqualTo("\"$user\", public");
            assertThat(lines(c, "SELECT relnamespace::regnamespace::text FROM pg_class WHERE relname = 'pg_tview_meta'"))
                    .containsExactly("tviews");
            assertThat(number(c, "SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace")).isZero();
        }
        try (Connection c = scratch.connect()) {
            exec(c, "SET search_path = public",
                    "CREATE TABLE tb_x (pk_x BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT NOT NULL)",
                    "CREATE TABLE tb_xitem (pk_xitem BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                            + "fk_x BIGINT NOT NULL REFERENCES tb_x, label TEXT NOT NULL)",
                    "INSERT INTO tb_x (name) VALUES ('one'), ('two')");
            // unqualified tables in the SELECT resolve in the TVIEW's schema
            assertThat(string(c, "SELECT tviews.pg_tviews_create('public.tv_x', $q$SELECT x.pk_x, x.name, "
                    + "(SELECT count(*) FROM tb_xitem i WHERE i.fk_x = x.pk_x) AS items FROM tb_x x$q$)")).isEqualTo("created");
            assertThat(lines(c, "SELECT relnamespace::regnamespace::text || '.' || relname FROM pg_class "
                    + "WHERE relname IN ('tv_x', 'v_x') ORDER BY relname")).containsExactly("public.tv_x", "public.v_x");
            exec(c, "INSERT INTO tb_xitem (fk_x, label) VALUES (1, 'a'), (1, 'b'), (2, 'c')",
                    "UPDATE tb_x SET name = 'ONE' WHERE pk_x = 1",
                    "UPDATE tb_xitem SET fk_x = 2 WHERE label = 'b'");
            assertThat(lines(c, "SELECT pk_x, name, items FROM tv_x ORDER BY pk_x")).containsExactly("1|ONE|1", "2|two|2");
            assertThat(lines(c, "SELECT entity || ' ' || missing_rows || extra_rows || differing_rows FROM tviews.pg_tviews_verify()"))
                    .containsExactly("x 000");
            assertThat(lines(c, "SELECT status FROM tviews.pg_tviews_health_check() WHERE status <> 'OK'")).isEmpty();
            exec(c, "SELECT tviews.pg_tviews_refresh('public.x')", "SELECT tviews.pg_tviews_drop('public.tv_x')");
            assertThat(number(c, "SELECT count(*) FROM tviews.pg_tview_meta")).isZero();
            assertThat(string(c, "SELECT to_regclass('public.tv_x')::text")).isNull();
        }
    }

    @Test
    void theBuildWritesThePsqlScript(TestServer server, TestDatabase db) throws Exception {
        Path file = Path.of("target/tviews-runtime.sql");
        assertThat(file).exists();
        String script = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(script).contains("\\set ON_ERROR_STOP on").contains("BEGIN;").endsWith("COMMIT;\n");
        assertThat(script).isEqualTo(RuntimeScript.load().psqlScript());

        // what psql runs, minus its meta-command, installs a working runtime
        TestDatabase scratch = scratch(server, db, "psqlf");
        try (Connection c = scratch.connect()) {
            exec(c, script.replace("\\set ON_ERROR_STOP on\n", ""));
            assertThat(string(c, "SELECT pg_tviews_version()")).isEqualTo(VERSION);
            registerXAndY(c);
            assertMaintained(c);
            assertThat(new RuntimeInstaller(c).install().action()).isEqualTo(InstallResult.Action.UNCHANGED);
        }
    }

    /** A connection to a scratch database with the runtime installed and {@link #registerXAndY} done. */
    private Connection withXAndY(TestServer server, TestDatabase db, String tag) throws SQLException {
        Connection c = scratch(server, db, tag).connect();
        try {
            new RuntimeInstaller(c).install();
            registerXAndY(c);
            return c;
        } catch (SQLException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    /** tb_x, tb_item (child of x); TVIEW x (with an item count) and TVIEW y reading tv_x. */
    private static void registerXAndY(Connection c) throws SQLException {
        exec(c, """
                CREATE TABLE tb_x (pk_x BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT NOT NULL);
                CREATE TABLE tb_item (pk_item BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                                      fk_x BIGINT NOT NULL REFERENCES tb_x, label TEXT NOT NULL);
                INSERT INTO tb_x (name) VALUES ('one'), ('two'), ('three');
                INSERT INTO tb_item (fk_x, label) VALUES (1, 'a'), (1, 'b'), (2, 'c');
                """);
        assertThat(string(c, "SELECT pg_tviews_create('x', $q$SELECT x.pk_x, jsonb_build_object('name', x.name, "
                + "'items', (SELECT coalesce(jsonb_agg(i.label ORDER BY i.label), '[]') FROM tb_item i WHERE i.fk_x = x.pk_x)) AS data "
                + "FROM tb_x x$q$)")).isEqualTo("created");
        assertThat(string(c, "SELECT pg_tviews_create('y', $q$SELECT t.pk_x AS pk_y, t.data->>'name' AS name, "
                + "jsonb_array_length(t.data->'items') AS items FROM tv_x t$q$)")).isEqualTo("created");
        assertThat(lines(c, "SELECT pk_y, name, items FROM tv_y ORDER BY pk_y")).containsExactly("1|one|2", "2|two|1", "3|three|0");
    }

    /** Changes to the base tables still reach both TVIEWs. */
    private static void assertMaintained(Connection c) throws SQLException {
        exec(c, "INSERT INTO tb_item (fk_x, label) VALUES (3, 'd')",
                "UPDATE tb_x SET name = name || '!' WHERE pk_x = 2",
                "UPDATE tb_item SET fk_x = 2 WHERE label = 'a'");
        assertThat(staleTViews(c)).isEmpty();
        assertThat(lines(c, "SELECT pk_y, name, items FROM tv_y ORDER BY pk_y")).containsExactly("1|one|1", "2|two!|2", "3|three|1");
    }

    private static List<String> registrations(Connection c) throws SQLException {
        return lines(c, "SELECT entity_name, tview_oid::oid, view_oid::oid, definition, fk_columns::text, options::text, "
                + "reads_tviews::text, created_at FROM pg_tview_meta ORDER BY 1");
    }

    private static List<String> tvRows(Connection c) throws SQLException {
        List<String> rows = new ArrayList<>(lines(c, "SELECT 'x', * FROM tv_x ORDER BY pk_x"));
        rows.addAll(lines(c, "SELECT 'y', * FROM tv_y ORDER BY pk_y"));
        return rows;
    }

    private static List<String> generatedFunctionOids(Connection c) throws SQLException {
        return lines(c, "SELECT p.oid FROM pg_proc p WHERE p.proname ~ '^tviews_(x|y)_' ORDER BY 1");
    }

    /** Every runtime object with its row version: a no-op install leaves all of them as they were. */
    private static List<String> runtimeState(Connection c) throws SQLException {
        List<String> state = new ArrayList<>(lines(c, "SELECT 'runtime', version, installed_at, upgraded_at, xmin FROM pg_tview_runtime"));
        state.addAll(lines(c, "SELECT 'function', p.oid::regprocedure, p.xmin, p.proconfig::text, p.proacl::text FROM pg_proc p "
                + "WHERE p.proname LIKE '%tviews\\_%' ORDER BY 2"));
        state.addAll(lines(c, "SELECT 'relation', c.relname, c.oid, c.xmin, c.relacl::text FROM pg_class c "
                + "WHERE c.relnamespace = 'public'::regnamespace ORDER BY 2"));
        state.addAll(lines(c, "SELECT 'trigger', t.tgname, t.oid, t.xmin FROM pg_trigger t WHERE NOT t.tgisinternal ORDER BY 2"));
        return state;
    }

    private static String declaredVersion() {
        Matcher m = Pattern.compile("v_version\\s+constant\\s+text\\s*:=\\s*'([^']+)'").matcher(RuntimeScript.load().text());
        assertThat(m.find()).as("finish.sql declares v_version").isTrue();
        return m.group(1);
    }

    private TestDatabase scratch(TestServer server, TestDatabase db, String tag) throws SQLException {
        this.server = server;
        String name = db.name() + "_" + tag;
        try (Connection admin = server.connectAdmin()) {
            exec(admin, "CREATE DATABASE \"" + name + "\" TEMPLATE template0 ENCODING 'UTF8'");
        }
        scratchDatabases.add(name);
        return server.database(name);
    }
}
