package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.error;
import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.lines;
import static dev.tviews.testsupport.Jdbc.number;
import static dev.tviews.testsupport.Jdbc.rows;
import static dev.tviews.testsupport.Jdbc.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input: each refused call gives its SQLSTATE and changes nothing. The TVIEW 'user' over tb_user stays
 * registered with the same rows and stays exact, and no relation, trigger, function, registration or audit
 * row is left behind by the refused call (a snapshot of all of them is compared before and after).
 */
@PostgresTest
class BadInputTest {

    private static final String USER_SELECT = "SELECT pk_user, jsonb_build_object('name', name) AS data FROM tb_user";

    /** Each test's connection: the TVIEW 'user' is registered once, for all of them. */
    private Connection c;

    @BeforeAll
    static void schema(TestDatabase db) throws SQLException {
        RuntimeFixture.setUp(db, """
                CREATE TABLE tb_user (
                    pk_user BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    id UUID NOT NULL DEFAULT gen_random_uuid() UNIQUE,
                    name TEXT NOT NULL);
                CREATE TABLE tb_unrelated (
                    pk_unrelated BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    v INT NOT NULL);
                INSERT INTO tb_user (name) VALUES ('alice'), ('bob'), ('carol');
                INSERT INTO tb_unrelated (v) VALUES (1), (2);
                """);
        assertThat(Jdbc.string(db, "SELECT pg_tviews_create('user', $q$" + USER_SELECT + "$q$)")).isEqualTo("created");
    }

    @BeforeEach
    void connect(TestDatabase db) throws SQLException {
        c = db.connect();
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void injectionThroughEntityNamesIsRefused() throws SQLException {
        for (String name : List.of("user; DROP TABLE tb_user", "x\"; drop", "a.b.c", "", "tv_user; DROP TABLE tb_user",
                "public.x; DROP TABLE tb_user", "x'); DROP TABLE tb_user; --", "tv_", "public.", ".x")) {
            refused(c, "42602", "SELECT pg_tviews_create(?, 'SELECT pk_user AS pk_x FROM tb_user')", name);
            refused(c, "42602", "SELECT pg_tviews_create_or_replace(?, 'SELECT pk_user AS pk_x FROM tb_user', '{}')", name);
            refused(c, "42602", "SELECT pg_tviews_drop(?)", name);
            refused(c, "42602", "SELECT pg_tviews_drop(?, if_exists => true)", name);
            refused(c, "42602", "SELECT pg_tviews_refresh(?)", name);
            refused(c, "42602", "SELECT * FROM pg_tviews_verify(?)", name);
        }
        assertThat(number(c, "SELECT count(*) FROM tb_user")).isEqualTo(3);
    }

    @Test
    void injectionThroughTheSchemaPartIsRefused() throws SQLException {
        SQLException e = refused(c, "3F000", "SELECT pg_tviews_create(?, 'SELECT pk_user AS pk_x FROM tb_user')", "nosuch.tv_x");
        assertThat(e.getMessage()).contains("nosuch");
        refused(c, "3F000", "SELECT * FROM pg_tviews_auto_convert(?)", "public; drop table x");
        refused(c, "3F000", "SELECT * FROM pg_tviews_auto_convert_plan(?)", "public; drop table x");
        refused(c, "3F000", "SELECT * FROM pg_tviews_auto_convert(?)", "nosuch");
    }

    @Test
    void aDefinitionThatIsNotExactlyOneSelectIsRefused() throws SQLException {
        for (String sql : List.of(
                "SELECT 1 AS pk_x; DROP TABLE tb_user",
                "SELECT pk_user FROM tb_user) q; DROP TABLE tb_user; SELECT * FROM (SELECT 1",
                "DELETE FROM tb_user RETURNING pk_user AS pk_x",
                "WITH d AS (DELETE FROM tb_user RETURNING pk_user) SELECT pk_user AS pk_x FROM d",
                "DROP TABLE tb_user",
                "",
                ";")) {
            refused(c, "42601", "SELECT pg_tviews_create('x', ?)", sql);
            assertThat(string(c, "SELECT to_regclass('public.tb_user')::text")).as("after %s", sql).isEqualTo("tb_user");
            assertThat(number(c, "SELECT count(*) FROM tb_user")).as("after %s", sql).isEqualTo(3);
        }
    }

    @Test
    void aDefinitionWithoutTheKeyColumnIsRefusedNamingIt() throws SQLException {
        SQLException noKey = refused(c, "42601", "SELECT pg_tviews_create('x', ?)", "SELECT name FROM tb_user");
        assertThat(noKey.getMessage()).contains("pk_x");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            42804 | SELECT 'a'::text AS pk_x
            42804 | SELECT id AS pk_x, name FROM tb_user
            42804 | SELECT pk_user::numeric AS pk_x FROM tb_user
            42701 | SELECT pk_user AS pk_x, name, name FROM tb_user
            42701 | SELECT pk_user AS pk_x, pk_user AS pk_x FROM tb_user
            """)
    void keyColumnProblemsAreRefused(String sqlState, String definition) throws SQLException {
        refused(c, sqlState, "SELECT pg_tviews_create('x', ?)", definition);
    }

    @Test
    void replacingTheRegisteredTViewWithABadDefinitionKeepsTheOldOne() throws SQLException {
        refused(c, "42804", "SELECT pg_tviews_create('user', ?)", "SELECT id AS pk_user FROM tb_user");
        refused(c, "42601", "SELECT pg_tviews_create('user', ?)", "SELECT name FROM tb_user");
        assertThat(string(c, "SELECT definition FROM pg_tview_meta WHERE entity_name = 'user'")).isEqualTo(USER_SELECT);
    }

    @Test
    void aBackingViewNameTakenByATableIsRefused() throws SQLException {
        exec(c, "CREATE TABLE v_taken (pk_taken int)");
        try {
            refused(c, "42P07", "SELECT pg_tviews_create('taken', ?)", "SELECT pk_user AS pk_taken FROM tb_user");
        } finally {
            exec(c, "DROP TABLE v_taken");
        }
    }

    @Test
    void unknownEntitiesAreRefusedAndIfExistsIsANoOp() throws SQLException {
        refused(c, "42704", "SELECT pg_tviews_drop(?)", "nosuch");
        refused(c, "42704", "SELECT pg_tviews_drop(?)", "tv_nosuch");
        refused(c, "42704", "SELECT pg_tviews_refresh(?)", "nosuch");
        refused(c, "42704", "SELECT * FROM pg_tviews_verify(?)", "nosuch");
        refused(c, "42704", "SELECT * FROM pg_tviews_show_cascade_path(?)", "nosuch");
        // unknown with if_exists: nothing happens at all
        List<String> before = snapshot(c);
        assertThat((Throwable) error(c, "SELECT pg_tviews_drop(?, if_exists => true)", "nosuch")).isNull();
        assertThat(snapshot(c)).isEqualTo(before);
    }

    @Test
    void aCycleIsRefusedAndTheOldDefinitionKept() throws SQLException {
        String bSelect = "SELECT pk_user AS pk_cyc_b, name FROM tb_user";
        assertThat(string(c, "SELECT pg_tviews_create('cyc_b', $q$" + bSelect + "$q$)")).isEqualTo("created");
        assertThat(string(c, "SELECT pg_tviews_create('cyc_a', $q$SELECT b.pk_cyc_b AS pk_cyc_a, b.name FROM tv_cyc_b b$q$)"))
                .isEqualTo("created");
        try {
            // b reading a: other columns (the table would be rebuilt) ...
            SQLException e = refused(c, "42P17", "SELECT pg_tviews_create('cyc_b', ?)",
                    "SELECT u.pk_user AS pk_cyc_b, u.name, a.name AS a_name FROM tb_user u "
                            + "LEFT JOIN tv_cyc_a a ON a.pk_cyc_a = u.pk_user");
            assertThat(e.getMessage()).contains("cyc_b").contains("cycle");
            // ... the same columns ...
            refused(c, "42P17", "SELECT pg_tviews_create('cyc_b', ?)",
                    "SELECT u.pk_user AS pk_cyc_b, a.name FROM tb_user u JOIN tv_cyc_a a ON a.pk_cyc_a = u.pk_user");
            // ... or with options
            refused(c, "42P17", "SELECT pg_tviews_create_or_replace('cyc_b', ?, '{\"full_refresh\": [\"public.tv_cyc_a\"]}')",
                    "SELECT u.pk_user AS pk_cyc_b, a.name FROM tb_user u JOIN tv_cyc_a a ON a.pk_cyc_a = u.pk_user");
            // a TVIEW reading its own table
            refused(c, "42P17", "SELECT pg_tviews_create('cyc_b', ?)", "SELECT pk_cyc_b, name FROM tv_cyc_b");

            assertThat(string(c, "SELECT definition FROM pg_tview_meta WHERE entity_name = 'cyc_b'")).isEqualTo(bSelect);
            assertThat(lines(c, "SELECT attname FROM pg_attribute WHERE attrelid = 'v_cyc_b'::regclass AND attnum > 0 ORDER BY attnum"))
                    .containsExactly("pk_cyc_b", "name");
            // maintenance of both still works
            exec(c, "UPDATE tb_user SET name = name || '!' WHERE pk_user = 2");
            assertThat(string(c, "SELECT name FROM tv_cyc_a WHERE pk_cyc_a = 2")).isEqualTo("bob!");
            assertThat(staleTViews(c)).isEmpty();
        } finally {
            exec(c, "UPDATE tb_user SET name = 'bob' WHERE pk_user = 2",
                    "SELECT pg_tviews_drop('cyc_b', \"cascade\" => true)");
        }
    }

    @Test
    void aRelationWithNoLinkToTheKeyRefreshesEveryKey() throws SQLException {
        String select = "SELECT u.pk_user AS pk_unrel, (SELECT count(*) FROM tb_unrelated) AS n FROM tb_user u";
        assertThat((Throwable) error(c, "SELECT pg_tviews_create('unrel', ?)", select)).isNull();
        assertThat(string(c, "SELECT reason FROM pg_tview_source WHERE entity_name = 'unrel' AND source_oid = 'tb_unrelated'::regclass"))
                .contains("no chain of equalities");
        try {
            assertThat(string(c, "SELECT refresh_mode FROM pg_tview_source WHERE entity_name = 'unrel' "
                    + "AND source_oid = 'tb_unrelated'::regclass")).isEqualTo("full");
            assertThat(lines(c, "SELECT DISTINCT n FROM tv_unrel")).containsExactly("2");
            for (String change : List.of(
                    "INSERT INTO tb_unrelated (v) VALUES (3), (4)",
                    "UPDATE tb_unrelated SET v = v + 1",
                    "DELETE FROM tb_unrelated WHERE v = 2",
                    "INSERT INTO tb_user (name) VALUES ('dave')",
                    "TRUNCATE tb_unrelated",
                    "INSERT INTO tb_unrelated (v) VALUES (7)",
                    "DELETE FROM tb_user WHERE name = 'dave'")) {
                exec(c, change);
                assertThat(staleTViews(c)).as("after %s", change).isEmpty();
                assertThat(number(c, "SELECT count(*) FROM tv_unrel WHERE n = (SELECT count(*) FROM tb_unrelated)"))
                        .as("after %s", change).isEqualTo(number(c, "SELECT count(*) FROM tb_user"));
            }
        } finally {
            exec(c, "SELECT pg_tviews_drop('unrel')");
        }
    }

    @Test
    void badOptionsAreRefused() throws SQLException {
        for (String options : List.of("{\"bogus\": 1}", "{\"mode\": \"fast\"}", "[]", "\"full\"",
                "{\"full_refresh\": [\"public.nosuch\"]}", "{\"full_refresh\": [\"tb_unrelated; DROP TABLE tb_user\"]}")) {
            refused(c, "22023", "SELECT pg_tviews_create_or_replace('x', 'SELECT pk_user AS pk_x FROM tb_user', ?::jsonb)", options);
            // also when replacing the registered TVIEW
            refused(c, "22023", "SELECT pg_tviews_create_or_replace('user', '" + USER_SELECT.replace("'", "''") + "', ?::jsonb)",
                    options);
        }
        assertThat(string(c, "SELECT options::text FROM pg_tview_meta WHERE entity_name = 'user'")).isEqualTo("{}");
    }

    @Test
    void aBadFkColumnsEditIsRefusedAndTheOldValueKept() throws SQLException {
        String before = string(c, "SELECT fk_columns::text FROM pg_tview_meta WHERE entity_name = 'user'");
        SQLException e = refused(c, "42703", "UPDATE pg_tview_meta SET fk_columns = '{nosuch}' WHERE entity_name = 'user'");
        assertThat(e.getMessage()).contains("nosuch");
        refused(c, "22023", "UPDATE pg_tview_meta SET fk_columns = ?::text[] WHERE entity_name = 'user'", "{\"x; DROP TABLE tb_user\"}");
        refused(c, "22023", "UPDATE pg_tview_meta SET fk_columns = ?::text[] WHERE entity_name = 'user'", "{\"name=bad entity\"}");
        assertThat(string(c, "SELECT fk_columns::text FROM pg_tview_meta WHERE entity_name = 'user'")).isEqualTo(before);
    }

    @Test
    void droppingATViewThatAnotherReadsNeedsCascade() throws SQLException {
        exec(c, "SELECT pg_tviews_create('dep_base', $q$SELECT pk_user AS pk_dep_base, name FROM tb_user$q$)",
                "SELECT pg_tviews_create('dep_reader', $q$SELECT b.pk_dep_base AS pk_dep_reader, upper(b.name) AS name "
                        + "FROM tv_dep_base b$q$)");
        SQLException e = refused(c, "2BP01", "SELECT pg_tviews_drop(?)", "dep_base");
        assertThat(e.getMessage()).contains("dep_reader");
        refused(c, "2BP01", "SELECT pg_tviews_drop(?, if_exists => true)", "dep_base");
        assertThat(lines(c, "SELECT entity_name FROM pg_tview_meta WHERE entity_name LIKE 'dep\\_%' ORDER BY 1"))
                .containsExactly("dep_base", "dep_reader");

        long audits = number(c, "SELECT count(*) FROM pg_tview_meta_audit WHERE operation = 'drop'");
        exec(c, "SELECT pg_tviews_drop('dep_base', \"cascade\" => true)");
        assertThat(lines(c, "SELECT entity_name FROM pg_tview_meta ORDER BY 1")).containsExactly("user");
        assertThat(number(c, "SELECT count(*) FROM pg_class WHERE relname ~ '^t?v_dep_'")).isZero();
        assertThat(number(c, "SELECT count(*) FROM pg_proc WHERE proname LIKE 'tviews\\_dep\\_%'")).isZero();
        assertThat(number(c, "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'tviews\\_dep\\_%'")).isZero();
        assertThat(number(c, "SELECT count(*) FROM pg_tview_meta_audit WHERE operation = 'drop'")).isEqualTo(audits + 2);
        // the remaining TVIEW is still maintained
        exec(c, "UPDATE tb_user SET name = 'Alice' WHERE pk_user = 1");
        assertThat(string(c, "SELECT data->>'name' FROM tv_user WHERE pk_user = 1")).isEqualTo("Alice");
        assertThat(staleTViews(c)).isEmpty();
        exec(c, "UPDATE tb_user SET name = 'alice' WHERE pk_user = 1");
    }

    /**
     * Runs a call that must be refused with {@code sqlState}; asserts that it changed nothing and that the
     * TVIEW 'user' is still registered, exact and unchanged. Returns the error.
     */
    private static SQLException refused(Connection c, String sqlState, String sql, String... params) throws SQLException {
        List<String> before = snapshot(c);
        String what = sql + (params.length == 0 ? "" : " with " + List.of(params));
        SQLException e = error(c, sql, params);
        assertThat((Throwable) e).as("%s must be refused", what).isNotNull();
        assertThat(e.getSQLState()).as("SQLSTATE of %s (%s)", what, e.getMessage()).isEqualTo(sqlState);
        assertThat(snapshot(c)).as("state after refused %s", what).isEqualTo(before);
        assertThat(lines(c, "SELECT entity_name FROM pg_tview_meta WHERE entity_name = 'user'")).containsExactly("user");
        assertThat(rows(c, "SELECT entity, missing_rows, extra_rows, differing_rows FROM pg_tviews_verify('user')"))
                .containsExactly(List.of("user", "0", "0", "0"));
        assertThat(staleTViews(c)).isEmpty();
        return e;
    }

    /** Everything a refused call must leave alone, as comparable lines. */
    private static List<String> snapshot(Connection c) throws SQLException {
        List<String> s = new ArrayList<>();
        add(s, "meta", lines(c, "SELECT entity_name, definition, fk_columns::text, options::text, fingerprint, "
                + "tview_oid::oid, view_oid::oid, reads_tviews::text, generated_functions::text, updated_at FROM pg_tview_meta ORDER BY 1"));
        add(s, "source", lines(c, "SELECT entity_name, source_oid::oid, refresh_mode, key_mapping FROM pg_tview_source ORDER BY 1, 2"));
        add(s, "audit", lines(c, "SELECT count(*), max(audit_id) FROM pg_tview_meta_audit"));
        add(s, "queue", lines(c, "SELECT count(*) FROM pg_tview_queue"));
        add(s, "relation", lines(c, "SELECT c.oid, c.relname, c.relkind FROM pg_class c "
                + "WHERE c.relnamespace = 'public'::regnamespace ORDER BY c.relname"));
        add(s, "view", lines(c, "SELECT c.relname, pg_get_viewdef(c.oid) FROM pg_class c "
                + "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'v' ORDER BY 1"));
        add(s, "trigger", lines(c, "SELECT t.tgrelid::regclass::text, t.tgname, t.tgfoid FROM pg_trigger t "
                + "WHERE NOT t.tgisinternal ORDER BY 1, 2"));
        add(s, "function", lines(c, "SELECT p.oid, p.oid::regprocedure::text FROM pg_proc p "
                + "WHERE p.pronamespace = 'public'::regnamespace ORDER BY 2"));
        add(s, "tv_user", lines(c, "SELECT * FROM tv_user ORDER BY pk_user"));
        add(s, "tb_user", lines(c, "SELECT * FROM tb_user ORDER BY pk_user"));
        add(s, "tb_unrelated", lines(c, "SELECT * FROM tb_unrelated ORDER BY 1"));
        return s;
    }

    private static void add(List<String> snapshot, String what, List<String> lines) {
        for (String line : lines) {
            snapshot.add(what + ": " + line);
        }
    }
}
