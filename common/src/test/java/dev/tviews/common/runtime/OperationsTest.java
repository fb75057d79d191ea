package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.lines;
import static dev.tviews.testsupport.Jdbc.number;
import static dev.tviews.testsupport.Jdbc.rows;
import static dev.tviews.testsupport.Jdbc.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Operations: refresh repairs damage writing only differing rows, refresh_all reports count, dependency
 * order and duration, the health check sees missing triggers and views, the cascade path lists readers by
 * depth, the queue is truthful, and every registration change is audited.
 *
 * <p>TVIEWs: ops_doc over tb_user (with a jsonb data column), and a chain ops_a (tb_user) &lt;- ops_b
 * &lt;- ops_c, with ops_d reading both ops_a and ops_c.
 */
@PostgresTest
class OperationsTest {

    private static final String DOC_SELECT = "SELECT pk_user AS pk_ops_doc, jsonb_build_object('name', name) AS data FROM tb_user";

    @BeforeAll
    static void tviews(TestDatabase db) throws SQLException {
        try (Connection c = RuntimeFixture.connectWithRuntime(db)) {
            exec(c, """
                    CREATE TABLE tb_user (pk_user BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT NOT NULL);
                    INSERT INTO tb_user (name) VALUES ('ann'), ('ben'), ('cid'), ('dot');
                    """);
            exec(c, "SELECT pg_tviews_create('ops_doc', $q$" + DOC_SELECT + "$q$)",
                    "SELECT pg_tviews_create('ops_a', $q$SELECT pk_user AS pk_ops_a, name FROM tb_user$q$)",
                    "SELECT pg_tviews_create('ops_b', $q$SELECT a.pk_ops_a AS pk_ops_b, a.pk_ops_a AS fk_ops_a, "
                            + "upper(a.name) AS name FROM tv_ops_a a$q$)",
                    "SELECT pg_tviews_create('ops_c', $q$SELECT b.pk_ops_b AS pk_ops_c, b.fk_ops_a, b.name || '!' AS name "
                            + "FROM tv_ops_b b$q$)",
                    "SELECT pg_tviews_create('ops_d', $q$SELECT a.pk_ops_a AS pk_ops_d, a.name, c.name AS c_name "
                            + "FROM tv_ops_a a LEFT JOIN tv_ops_c c ON c.fk_ops_a = a.pk_ops_a$q$)");
            assertThat(staleTViews(c)).isEmpty();
            assertThat(lines(c, "SELECT pk_ops_d, name, c_name FROM tv_ops_d ORDER BY 1"))
                    .containsExactly("1|ann|ANN!", "2|ben|BEN!", "3|cid|CID!", "4|dot|DOT!");
        }
    }

    @Test
    void refreshRepairsAManuallyDamagedTViewWritingOnlyDifferingRows(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            String untouched = string(c, "SELECT xmin::text FROM tv_ops_doc WHERE pk_ops_doc = 3");
            exec(c, "UPDATE tv_ops_doc SET data = '{}' WHERE pk_ops_doc IN (1, 2)");
            assertThat(verify(c, "ops_doc")).isEqualTo("0|0|2");
            exec(c, "SELECT pg_tviews_refresh('ops_doc')");
            assertThat(verify(c, "ops_doc")).isEqualTo("0|0|0");
            assertThat(string(c, "SELECT data->>'name' FROM tv_ops_doc WHERE pk_ops_doc = 1")).isEqualTo("ann");
            assertThat(string(c, "SELECT xmin::text FROM tv_ops_doc WHERE pk_ops_doc = 3")).as("a row that was right is not rewritten")
                    .isEqualTo(untouched);

            // missing and extra rows too
            exec(c, "DELETE FROM tv_ops_doc WHERE pk_ops_doc = 4", "INSERT INTO tv_ops_doc VALUES (99, '{\"name\": \"ghost\"}')");
            assertThat(verify(c, "ops_doc")).isEqualTo("1|1|0");
            exec(c, "SELECT pg_tviews_refresh('tv_ops_doc')");
            assertThat(verify(c, "ops_doc")).isEqualTo("0|0|0");
            assertThat(lines(c, "SELECT pk_ops_doc FROM tv_ops_doc ORDER BY 1")).containsExactly("1", "2", "3", "4");

            // repairing the head of a chain reaches its readers
            exec(c, "UPDATE tv_ops_a SET name = 'damaged' WHERE pk_ops_a = 2");
            assertThat(verify(c, "ops_a")).isEqualTo("0|0|1");
            assertThat(string(c, "SELECT c_name FROM tv_ops_d WHERE pk_ops_d = 2")).isEqualTo("DAMAGED!");
            exec(c, "SELECT pg_tviews_refresh('public.ops_a')");
            assertThat(staleTViews(c)).isEmpty();
            assertThat(string(c, "SELECT c_name FROM tv_ops_d WHERE pk_ops_d = 2")).isEqualTo("BEN!");
        }
    }

    @Test
    void refreshAllReportsCountOrderAndDuration(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            exec(c, "UPDATE tv_ops_doc SET data = '{}'", "UPDATE tv_ops_c SET name = 'x'", "DELETE FROM tv_ops_d WHERE pk_ops_d = 1");
            assertThat(staleTViews(c)).hasSize(3);
            exec(c, "CREATE TEMP TABLE refresh_result AS SELECT pg_tviews_refresh_all() AS r");
            assertThat(staleTViews(c)).isEmpty();

            long registered = number(c, "SELECT count(*) FROM pg_tview_meta");
            assertThat(number(c, "SELECT (r->>'refreshed_count')::int FROM refresh_result")).isEqualTo(registered);
            assertThat(string(c, "SELECT jsonb_typeof(r->'duration_ms') FROM refresh_result")).isEqualTo("number");
            assertThat(number(c, "SELECT count(*) FROM refresh_result WHERE (r->>'duration_ms')::numeric >= 0")).isEqualTo(1);
            List<String> order = lines(c, "SELECT e FROM refresh_result, jsonb_array_elements_text(r->'order') WITH ORDINALITY o(e, n) "
                    + "ORDER BY n");
            assertThat(order).hasSize((int) registered).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(lines(c, "SELECT entity_name FROM pg_tview_meta"));
            // readers after what they read: d reads a and c, c reads b, b reads a
            assertThat(order.indexOf("ops_a")).isLessThan(order.indexOf("ops_b"));
            assertThat(order.indexOf("ops_b")).isLessThan(order.indexOf("ops_c"));
            assertThat(order.indexOf("ops_c")).isLessThan(order.indexOf("ops_d"));
            exec(c, "DROP TABLE refresh_result");
        }
    }

    @Test
    void theHealthCheckSeesAMissingTriggerOrViewUntilRepaired(TestDatabase db) throws SQLException {
        String select = "SELECT pk_user AS pk_ops_hc, name FROM tb_user";
        try (Connection c = db.connect()) {
            exec(c, "SELECT pg_tviews_create('ops_hc', $q$" + select + "$q$)");
            try {
                assertThat(problems(c)).isEmpty();
                assertThat(lines(c, "SELECT status, severity FROM pg_tviews_health_check() WHERE component = 'tview ops_hc'"))
                        .containsExactly("OK|info");

                exec(c, "DROP TRIGGER tviews_00_ops_hc_upd ON tb_user");
                assertThat(problems(c)).containsExactly("ERROR|error|tview ops_hc");
                assertThat(string(c, "SELECT message FROM pg_tviews_health_check(repair => false) WHERE component = 'tview ops_hc'"))
                        .contains("writes to public.tb_user do not reach it").contains("pg_tviews_health_check()");
                // it matters: updates no longer reach the TVIEW
                exec(c, "UPDATE tb_user SET name = name || '+' WHERE pk_user = 1");
                assertThat(verify(c, "ops_hc")).isEqualTo("0|0|1");

                // re-registering repairs it, as the health check would (HealthCheckTest)
                assertThat(string(c, "SELECT pg_tviews_create('ops_hc', $q$" + select + "$q$)")).isEqualTo("replaced");
                assertThat(problems(c)).isEmpty();
                assertThat(staleTViews(c)).isEmpty();
                exec(c, "UPDATE tb_user SET name = 'ann' WHERE pk_user = 1");
                assertThat(staleTViews(c)).isEmpty();

                // the backing view dropped by hand
                exec(c, "DROP VIEW v_ops_hc");
                assertThat(problems(c)).containsExactly("ERROR|error|tview ops_hc");
                assertThat(string(c, "SELECT message FROM pg_tviews_health_check(repair => false) WHERE component = 'tview ops_hc'"))
                        .contains("view public.v_ops_hc was dropped");
                assertThat(string(c, "SELECT status FROM pg_tviews_health_check() WHERE component = 'tview ops_hc'")).isEqualTo("WARNING");
                assertThat(problems(c)).isEmpty();
                exec(c, "UPDATE tb_user SET name = 'ann2' WHERE pk_user = 1", "UPDATE tb_user SET name = 'ann' WHERE pk_user = 1");
                assertThat(staleTViews(c)).isEmpty();
            } finally {
                exec(c, "SELECT pg_tviews_drop('ops_hc', if_exists => true)");
            }
            assertThat(lines(c, "SELECT component FROM pg_tviews_health_check() ORDER BY component"))
                    .containsExactly("queue", "runtime", "suspension", "tview ops_a", "tview ops_b", "tview ops_c", "tview ops_d",
                            "tview ops_doc");
        }
    }

    @Test
    void theCascadePathOfAnUnknownOrUnreadTViewIsAnErrorOrEmpty(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            assertThat(RuntimeFixture.sqlState(c, "SELECT * FROM pg_tviews_show_cascade_path('nope')")).isEqualTo("42704");
            assertThat(RuntimeFixture.sqlState(c, "SELECT * FROM pg_tviews_show_cascade_path('bad name')")).isEqualTo("42602");
            assertThat(lines(c, "SELECT depth, entity_name FROM pg_tviews_show_cascade_path('public.tv_ops_a')"))
                    .as("schema-qualified table name").containsExactly("1|ops_b", "1|ops_d", "2|ops_c");
            // a reader reached at two depths is listed once, at the nearer one; the entity itself is not listed
            exec(c, "SELECT pg_tviews_create('ops_e', $q$SELECT b.pk_ops_b AS pk_ops_e, b.name, c.name AS c_name "
                    + "FROM tv_ops_b b JOIN tv_ops_c c ON c.fk_ops_a = b.fk_ops_a$q$)");
            try {
                assertThat(lines(c, "SELECT depth, entity_name FROM pg_tviews_show_cascade_path('ops_b')"))
                        .containsExactly("1|ops_c", "1|ops_e", "2|ops_d");
                assertThat(lines(c, "SELECT depth, entity_name FROM pg_tviews_show_cascade_path('ops_a')"))
                        .containsExactly("1|ops_b", "1|ops_d", "2|ops_c", "2|ops_e");
            } finally {
                exec(c, "SELECT pg_tviews_drop('ops_e')");
            }
        }
    }

    @Test
    void theCascadePathListsReadersByDepth(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            assertThat(lines(c, "SELECT depth, entity_name FROM pg_tviews_show_cascade_path('ops_a')"))
                    .containsExactly("1|ops_b", "1|ops_d", "2|ops_c");
            assertThat(lines(c, "SELECT depth, entity_name FROM pg_tviews_show_cascade_path('tv_ops_b')"))
                    .containsExactly("1|ops_c", "2|ops_d");
            assertThat(lines(c, "SELECT depth, entity_name FROM pg_tviews_show_cascade_path('ops_c')")).containsExactly("1|ops_d");
            assertThat(lines(c, "SELECT depth, entity_name FROM pg_tviews_show_cascade_path('ops_d')")).isEmpty();
            assertThat(lines(c, "SELECT depth, entity_name FROM pg_tviews_show_cascade_path('ops_doc')")).isEmpty();
            // and a change really travels that path
            exec(c, "UPDATE tb_user SET name = 'bea' WHERE pk_user = 2");
            assertThat(string(c, "SELECT c_name FROM tv_ops_d WHERE pk_ops_d = 2")).isEqualTo("BEA!");
            assertThat(staleTViews(c)).isEmpty();
            exec(c, "UPDATE tb_user SET name = 'ben' WHERE pk_user = 2");
        }
    }

    @Test
    void theQueueIsTruthfulWhenNothingIsPending(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            exec(c, "INSERT INTO tb_user (name) VALUES ('eve')", "DELETE FROM tb_user WHERE name = 'eve'");
            assertThat(number(c, "SELECT count(*) FROM pg_tview_queue")).isZero();
            assertThat(rows(c, "SELECT s->>'pending', s->>'failing', s->'by_entity'::text, s->>'oldest_enqueued_at' "
                    + "FROM pg_tviews_queue_stats() s")).containsExactly(java.util.Arrays.asList("0", "0", "{}", null));
            assertThat(lines(c, "SELECT status FROM pg_tviews_health_check() WHERE component = 'queue'")).containsExactly("OK");
        }
    }

    @Test
    void everyRegistrationChangeIsAuditedWithTheSessionUser(TestDatabase db) throws SQLException {
        String first = "SELECT pk_user AS pk_ops_aud, name FROM tb_user";
        String second = "SELECT pk_user AS pk_ops_aud, upper(name) AS name FROM tb_user";
        try (Connection c = db.connect()) {
            long before = number(c, "SELECT coalesce(max(audit_id), 0) FROM pg_tview_meta_audit");
            assertThat(string(c, "SELECT pg_tviews_create('ops_aud', $q$" + first + "$q$)")).isEqualTo("created");
            assertThat(string(c, "SELECT pg_tviews_create_or_replace('ops_aud', $q$" + first + "$q$)")).isEqualTo("unchanged");
            assertThat(string(c, "SELECT pg_tviews_create('ops_aud', $q$" + second + "$q$)")).isEqualTo("replaced");
            exec(c, "UPDATE pg_tview_meta SET fk_columns = '{pk_user}' WHERE entity_name = 'ops_aud'");
            exec(c, "SELECT pg_tviews_drop('ops_aud')");

            String user = string(c, "SELECT session_user");
            assertThat(user).isEqualTo(db.user());
            List<List<String>> audit = rows(c, "SELECT operation, changed_by, old_definition, new_definition, "
                    + "old_fk_columns::text, new_fk_columns::text FROM pg_tview_meta_audit "
                    + "WHERE audit_id > " + before + " ORDER BY audit_id");
            assertThat(audit).hasSize(4);
            assertThat(audit.stream().map(r -> r.get(1))).containsOnly(user);
            assertThat(audit.get(0)).containsExactly("create:created", user, null, first, null, "{}");
            assertThat(audit.get(1)).containsExactly("create:replaced", user, first, second, "{}", "{}");
            assertThat(audit.get(2).get(0)).startsWith("fk_columns:");
            assertThat(audit.get(2).subList(2, 6)).containsExactly(second, second, "{}", "{pk_user}");
            assertThat(audit.get(3)).containsExactly("drop", user, second, null, "{pk_user}", null);
            assertThat(number(c, "SELECT count(*) FROM pg_tview_meta_audit WHERE audit_id > " + before
                    + " AND entity_name <> 'ops_aud'")).isZero();
            assertThat(number(c, "SELECT count(*) FROM (SELECT changed_at, lag(changed_at) OVER (ORDER BY audit_id) AS prev "
                    + "FROM pg_tview_meta_audit WHERE audit_id > " + before + ") t WHERE changed_at < prev")).isZero();
        }
    }

    /** "missing|extra|differing" of one TVIEW. */
    private static String verify(Connection c, String entity) throws SQLException {
        return string(c, "SELECT missing_rows || '|' || extra_rows || '|' || differing_rows FROM pg_tviews_verify('" + entity + "')");
    }

    /** Health-check lines that are not OK, as "status|severity|component" (repairing nothing). */
    private static List<String> problems(Connection c) throws SQLException {
        return lines(c, "SELECT status, severity, component FROM pg_tviews_health_check(repair => false) WHERE status <> 'OK' "
                + "ORDER BY component");
    }
}
